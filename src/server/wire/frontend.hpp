// Decoding of frontend (client) messages into plain structs. Every decoder checks bounds and
// consumes the body exactly; malformed input raises Error 08P01. Kept free of session state so the
// fuzz target (fuzz/wire_fuzz.cpp) drives exactly the code the server runs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanto::wire {

inline constexpr int32_t kSslRequestCode = 80877103;
inline constexpr int32_t kGssEncRequestCode = 80877104;
inline constexpr int32_t kCancelRequestCode = 80877102;

// The first packet: SSLRequest / GSSENCRequest / CancelRequest / StartupMessage (by `code`).
struct StartupPacket {
  int32_t code = 0;
  int32_t cancel_pid = 0, cancel_secret = 0;  // CancelRequest
  std::map<std::string, std::string> params;  // StartupMessage
};
StartupPacket DecodeStartup(std::string_view body);
// The startup `options` parameter ("-c name=value --other=value", backslash escapes a space) as
// (name, value) pairs; anything else raises 08P01.
std::vector<std::pair<std::string, std::string>> ParseStartupOptions(std::string_view options);

struct ParseMessage {
  std::string name, sql;
  std::vector<uint32_t> param_types;
};
ParseMessage DecodeParse(std::string_view body);

struct BindMessage {
  std::string portal, statement;
  std::vector<int16_t> param_formats;
  std::vector<std::optional<std::string>> params;  // nullopt: NULL
  std::vector<int16_t> result_formats;
  // The format of parameter i (0 text, 1 binary), as the format codes say.
  int16_t ParamFormat(size_t i) const;
};
BindMessage DecodeBind(std::string_view body);

// Describe and Close: 'S' statement or 'P' portal, and its name.
struct TargetMessage {
  char kind = 0;
  std::string name;
};
TargetMessage DecodeTarget(std::string_view body);

struct ExecuteMessage {
  std::string portal;
  int32_t max_rows = 0;
};
ExecuteMessage DecodeExecute(std::string_view body);

// SASLInitialResponse: mechanism and the client-first message.
struct SaslInitial {
  std::string mechanism;
  std::string data;
};
SaslInitial DecodeSaslInitial(std::string_view body);

}  // namespace kanto::wire
