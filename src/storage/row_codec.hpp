// Row values: [u32 schema version][u16 column count][null bitmap][fields], fields by physical type
// (int64 and double 8 bytes little-endian, strings u32 length + bytes, numeric Numeric::Serialize,
// interval 16 bytes). Rows written before columns were added decode the new columns as their
// `missing` value (one field in this encoding, from ADD COLUMN ... DEFAULT), or NULL without one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "types/vector.hpp"

namespace kanto::storage {

void EncodeRow(uint32_t schema_version, const std::vector<Value>& row, std::string* out);
// Appends one row to `out` (whose columns have `types`). Returns the row's schema version.
// Throws XX001 on malformed input.
uint32_t DecodeRow(std::string_view data, const std::vector<LogicalType>& types, DataChunk* out,
                   const std::vector<std::string>* missing = nullptr);
// The same for some columns only: table column i goes to out column out_pos[i] (-1: skipped).
void DecodeRowColumns(std::string_view data, const std::vector<LogicalType>& types, const std::vector<int32_t>& out_pos,
                      DataChunk* out, const std::vector<std::string>* missing = nullptr);
// One value in the row field encoding (a column's `missing` value).
std::string EncodeField(const Value& v);

}  // namespace kanto::storage
