// libFuzzer target for the server's frontend message decoders (src/server/wire/frontend.cpp), binary
// parameter decoding for the built-in types and their arrays (src/types/binary_receive.cpp), and the
// SCRAM-SHA-256 server exchange (src/common/scram.cpp). The first input byte picks the decoder;
// the rest is the message body. Any outcome but a clean result or kanto::Error is a bug (ASan and
// UBSan report memory errors). Build and run: scripts/fuzz-wire [SECONDS]
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/scram.hpp"
#include "kanto/error.hpp"
#include "server/wire/frontend.hpp"
#include "types/binary_receive.hpp"

namespace {

constexpr uint32_t kOids[] = {16, 17, 20, 21, 23, 25, 26, 700, 701, 1042, 1043, 1082, 1114, 1184, 1700,
                              1000, 1005, 1007, 1009, 1016, 1021, 1022, 1231, 1182, 1115, 1001, 0, 999999};

// A verifier for the password "pencil".
const std::string& Verifier() {
  static const std::string v = kanto::scram::MakeVerifier("pencil");
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 8) {
      case 0: kanto::wire::DecodeStartup(body); break;
      case 1: kanto::wire::DecodeParse(body); break;
      case 2: kanto::wire::DecodeBind(body); break;
      case 3: kanto::wire::DecodeTarget(body); break;
      case 4: kanto::wire::DecodeExecute(body); break;
      case 5: kanto::wire::DecodeSaslInitial(body); break;
      case 6: {
        if (body.empty()) break;
        uint32_t oid = kOids[static_cast<uint8_t>(body[0]) % (sizeof(kOids) / sizeof(kOids[0]))];
        kanto::BinaryReceive(body.substr(1), kanto::LogicalType::FromOid(oid));
        break;
      }
      case 7: {
        // client-first and client-final separated by the first NUL byte
        size_t nul = body.find('\0');
        kanto::scram::ServerExchange exchange(Verifier());
        std::string server_first, server_final;
        if (exchange.ServerFirst(body.substr(0, nul), &server_first) && nul != std::string_view::npos) {
          exchange.ServerFinal(body.substr(nul + 1), &server_final);
        }
        break;
      }
    }
  } catch (const kanto::Error&) {
    // rejected cleanly
  }
  return 0;
}
