// COPY's binary format (PostgreSQL's "PGCOPY" files): the 11-byte signature, a 32-bit flags
// field, a header extension (its length, then bytes a reader skips), then per row a 16-bit field
// count and each field as a 32-bit length (-1 for NULL) and its bytes in the type's binary
// send/receive form, and a field count of -1 as the trailer. All integers are big-endian. Pure
// framing: the fields' bytes are converted by the types' binary codecs (types/binary_receive.hpp in,
// kanto/binary_format.hpp out).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanto::commands {

// Reads COPY FROM data in the binary format. Errors are PostgreSQL's, SQLSTATE 22P04
// (bad_copy_file_format): "COPY file signature not recognized", "invalid COPY file header (...)",
// "unrecognized critical flags in COPY file header", "row field count is N, expected M",
// "invalid field size", "unexpected EOF in COPY data", "received copy data after EOF marker".
class CopyBinaryReader {
 public:
  explicit CopyBinaryReader(std::string_view data) : data_(data) {}

  // Checks the signature, flags and header extension. REQUIRES: called once, first.
  void ReadHeader();
  // The next row's fields (views into the data; nullopt for NULL) into *fields. False at the
  // trailer or at the end of the data.
  bool Next(size_t expected_fields, std::vector<std::optional<std::string_view>>* fields);
  // The number of the row read last (1-based), PostgreSQL's "line" in COPY's error context.
  uint64_t line() const { return line_; }

 private:
  bool Read(size_t n, std::string_view* out);

  std::string_view data_;
  size_t pos_ = 0;
  uint64_t line_ = 0;
};

// COPY TO in the binary format: the header (signature, no flags, no extension) ...
void AppendCopyBinaryHeader(std::string* out);
// ... then per row the field count, then each field (or NULL) ...
void AppendCopyBinaryRowStart(size_t fields, std::string* out);
void AppendCopyBinaryField(std::string_view bytes, std::string* out);
void AppendCopyBinaryNull(std::string* out);
// ... and the trailer.
std::string CopyBinaryTrailer();

}  // namespace kanto::commands
