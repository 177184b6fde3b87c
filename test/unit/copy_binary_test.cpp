#include <gtest/gtest.h>

#include "commands/copy_binary.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {
namespace {

std::string Header() {
  std::string out;
  AppendCopyBinaryHeader(&out);
  return out;
}

// The error SQLSTATE and message reading `data` as rows of `fields` fields gives ("" for none).
std::string ReadError(const std::string& data, size_t fields) {
  try {
    CopyBinaryReader reader(data);
    reader.ReadHeader();
    std::vector<std::optional<std::string_view>> row;
    while (reader.Next(fields, &row)) {
    }
  } catch (const Error& e) {
    return e.sqlstate() + std::string(" ") + e.message();
  }
  return "";
}

TEST(CopyBinaryTest, WritesPostgresLayout) {
  std::string out = Header();
  AppendCopyBinaryRowStart(2, &out);
  AppendCopyBinaryField(std::string("\0\0\0\1", 4), &out);
  AppendCopyBinaryNull(&out);
  out += CopyBinaryTrailer();
  // As PostgreSQL 15 writes COPY (SELECT 1, NULL::text) TO STDOUT (FORMAT binary).
  EXPECT_EQ(out, std::string("PGCOPY\n\377\r\n\0"
                             "\0\0\0\0\0\0\0\0"
                             "\0\2\0\0\0\4\0\0\0\1\377\377\377\377"
                             "\377\377",
                             35));
}

TEST(CopyBinaryTest, ReadsRowsBack) {
  std::string data = Header();
  data[18] = 5;  // 5 bytes of header extension, skipped
  data += "abcde";
  AppendCopyBinaryRowStart(2, &data);
  AppendCopyBinaryField("xy", &data);
  AppendCopyBinaryNull(&data);
  AppendCopyBinaryRowStart(2, &data);
  AppendCopyBinaryField("", &data);
  AppendCopyBinaryField("z", &data);
  data += CopyBinaryTrailer();
  CopyBinaryReader reader(data);
  reader.ReadHeader();
  std::vector<std::optional<std::string_view>> row;
  ASSERT_TRUE(reader.Next(2, &row));
  EXPECT_EQ(row[0], std::optional<std::string_view>("xy"));
  EXPECT_FALSE(row[1].has_value());
  ASSERT_TRUE(reader.Next(2, &row));
  EXPECT_EQ(row[0], std::optional<std::string_view>(""));
  EXPECT_EQ(row[1], std::optional<std::string_view>("z"));
  EXPECT_EQ(reader.line(), 2u);
  EXPECT_FALSE(reader.Next(2, &row));
}

TEST(CopyBinaryTest, EndWithoutTrailerIsTheEnd) {
  std::string data = Header();
  AppendCopyBinaryRowStart(1, &data);
  AppendCopyBinaryField("a", &data);
  EXPECT_EQ(ReadError(data, 1), "");
}

TEST(CopyBinaryTest, Errors) {
  EXPECT_EQ(ReadError("PGCOPY\n", 1), "22P04 COPY file signature not recognized");
  EXPECT_EQ(ReadError(std::string("PGCOPY\n\377\r\n\0\0\0", 13), 1), "22P04 invalid COPY file header (missing flags)");
  std::string oids = Header();
  oids[12] = 1;  // bit 16
  EXPECT_EQ(ReadError(oids, 1), "22P04 invalid COPY file header (WITH OIDS)");
  std::string critical = Header();
  critical[11] = 1;  // bit 24
  EXPECT_EQ(ReadError(critical, 1), "22P04 unrecognized critical flags in COPY file header");
  std::string compatible = Header();
  compatible[13] = 1;  // bit 8: ignored
  EXPECT_EQ(ReadError(compatible, 1), "");
  std::string negative = Header();
  negative[15] = '\xff';
  EXPECT_EQ(ReadError(negative, 1), "22P04 invalid COPY file header (missing length)");
  std::string extension = Header();
  extension[18] = 9;
  EXPECT_EQ(ReadError(extension, 1), "22P04 invalid COPY file header (wrong length)");
  std::string count = Header();
  AppendCopyBinaryRowStart(3, &count);
  EXPECT_EQ(ReadError(count, 2), "22P04 row field count is 3, expected 2");
  std::string size = Header() + std::string("\0\1\377\377\377\376", 6);
  EXPECT_EQ(ReadError(size, 1), "22P04 invalid field size");
  // A field longer than the data: an error, nothing allocated for the declared length.
  std::string eof = Header() + std::string("\0\1\177\377\377\377ab", 8);
  EXPECT_EQ(ReadError(eof, 1), "22P04 unexpected EOF in COPY data");
  std::string after = Header() + CopyBinaryTrailer() + "x";
  EXPECT_EQ(ReadError(after, 1), "22P04 received copy data after EOF marker");
}

}  // namespace
}  // namespace kanto::commands
