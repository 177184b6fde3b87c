#include "commands/copy_binary.hpp"

#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

constexpr std::string_view kSignature("PGCOPY\n\377\r\n\0", 11);
constexpr uint32_t kWithOids = 1u << 16;

uint32_t BigEndian32(std::string_view b) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(b[0])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[2])) << 8) | static_cast<unsigned char>(b[3]);
}

void Append32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

void Append16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}

[[noreturn]] void BadFormat(const std::string& message) { throw Error(sqlstate::kBadCopyFileFormat, message); }

}  // namespace

bool CopyBinaryReader::Read(size_t n, std::string_view* out) {
  if (data_.size() - pos_ < n) return false;
  *out = data_.substr(pos_, n);
  pos_ += n;
  return true;
}

void CopyBinaryReader::ReadHeader() {
  std::string_view b;
  if (!Read(kSignature.size(), &b) || b != kSignature) BadFormat("COPY file signature not recognized");
  if (!Read(4, &b)) BadFormat("invalid COPY file header (missing flags)");
  uint32_t flags = BigEndian32(b);
  if (flags & kWithOids) BadFormat("invalid COPY file header (WITH OIDS)");
  if ((flags & ~kWithOids) >> 16) BadFormat("unrecognized critical flags in COPY file header");
  // (bits 0-15 flag compatible changes a reader ignores)
  if (!Read(4, &b) || static_cast<int32_t>(BigEndian32(b)) < 0) BadFormat("invalid COPY file header (missing length)");
  uint32_t extension = BigEndian32(b);
  if (!Read(extension, &b)) BadFormat("invalid COPY file header (wrong length)");
}

bool CopyBinaryReader::Next(size_t expected_fields, std::vector<std::optional<std::string_view>>* fields) {
  std::string_view b;
  if (!Read(2, &b)) return false;  // the end of the data (a trailer is optional there)
  line_++;
  int16_t count = static_cast<int16_t>((static_cast<unsigned char>(b[0]) << 8) | static_cast<unsigned char>(b[1]));
  if (count == -1) {
    if (pos_ < data_.size()) BadFormat("received copy data after EOF marker");
    return false;
  }
  if (count < 0 || static_cast<size_t>(count) != expected_fields) {
    BadFormat("row field count is " + std::to_string(count) + ", expected " + std::to_string(expected_fields));
  }
  fields->clear();
  for (int16_t i = 0; i < count; i++) {
    if (!Read(4, &b)) BadFormat("unexpected EOF in COPY data");
    int32_t size = static_cast<int32_t>(BigEndian32(b));
    if (size == -1) {
      fields->emplace_back(std::nullopt);
      continue;
    }
    if (size < -1) BadFormat("invalid field size");
    if (!Read(static_cast<size_t>(size), &b)) BadFormat("unexpected EOF in COPY data");
    fields->emplace_back(b);
  }
  return true;
}

void AppendCopyBinaryHeader(std::string* out) {
  out->append(kSignature);
  Append32(0, out);  // flags
  Append32(0, out);  // header extension length
}

void AppendCopyBinaryRowStart(size_t fields, std::string* out) { Append16(static_cast<uint16_t>(fields), out); }

void AppendCopyBinaryField(std::string_view bytes, std::string* out) {
  Append32(static_cast<uint32_t>(bytes.size()), out);
  out->append(bytes);
}

void AppendCopyBinaryNull(std::string* out) { Append32(0xffffffffu, out); }

std::string CopyBinaryTrailer() { return std::string("\xff\xff", 2); }

}  // namespace kanto::commands
