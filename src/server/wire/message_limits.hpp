// How long a frontend message may be, as PostgreSQL 15 bounds them. A message's length word counts
// itself; a longer (or shorter than 4) length is a protocol violation and the connection closes.
// The reader allocates as bytes arrive (kReadChunk at a time, growing with what came), never the
// claimed length up front.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kanto::wire {

// The startup packet's body (after its length word): PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
inline constexpr int32_t kMaxStartupPacketBody = 10000;
// A SASL (SCRAM) message before authentication, length word included: PG_MAX_SASL_MESSAGE_LENGTH.
inline constexpr int32_t kMaxSaslMessage = 1024;
// After authentication: messages that carry SQL or data (Query, Parse, Bind, CopyData) may reach
// 1 GB (PQ_LARGE_MESSAGE_LIMIT); the others 10,000 bytes (PQ_SMALL_MESSAGE_LIMIT).
inline constexpr int32_t kLargeMessageLimit = 0x3fffffff;
inline constexpr int32_t kSmallMessageLimit = 10000;
// The first allocation for a message body; later ones double what has arrived.
inline constexpr size_t kReadChunk = 64 * 1024;

// The longest accepted message of `type` after authentication; 0 when `type` is no frontend message.
constexpr int32_t MaxMessageLength(char type) {
  switch (type) {
    case 'Q': case 'P': case 'B': case 'd':
      return kLargeMessageLimit;
    case 'D': case 'E': case 'C': case 'H': case 'S': case 'X': case 'c': case 'f':
      return kSmallMessageLimit;
    default:
      return 0;
  }
}

}  // namespace kanto::wire
