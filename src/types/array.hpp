// Array values: a one-dimensional SQL array is held as a byte string (PhysicalType::kString) that
// encodes its elements; these functions build, read and order such strings. Lower bound is always 1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "types/value.hpp"

namespace kanto {

// Encodes `elements` (each NULL or of `element_type`'s physical type).
std::string EncodeArray(const std::vector<Value>& elements);
// Decodes an encoded array into values typed `element_type` (22P02-free: corrupt data gives XX001).
std::vector<Value> DecodeArray(std::string_view data, const LogicalType& element_type);
// Number of elements without decoding them.
size_t ArrayLength(std::string_view data);
// A Value of array type `array_type` holding `elements`.
Value MakeArrayValue(const LogicalType& array_type, const std::vector<Value>& elements);
// PostgreSQL's array ordering: element by element (NULL elements sort after any value), then the
// shorter array first.
int CompareArrays(std::string_view a, std::string_view b, const LogicalType& element_type);

}  // namespace kanto
