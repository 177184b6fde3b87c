// Internal to src/types: helpers datetime.cpp and interval.cpp share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kanto::datetime {

// 22007 invalid input syntax for type <type>.
[[noreturn]] void BadSyntax(const char* type, std::string_view text);
// Division rounding toward minus infinity.
int64_t FloorDiv(int64_t a, int64_t b);
std::string Lower(std::string_view s);
std::string_view Trim(std::string_view s);
unsigned DaysInMonth(int64_t y, unsigned m);
// Parses "HH:MM[:SS[.ffffff]]" at s[*i..].
bool ParseTime(std::string_view s, size_t* i, int64_t* micros, std::string_view whole, const char* type);
void CheckTimestampRange(int64_t micros);
// Two digits, zero-padded.
std::string Two(int64_t v);

}  // namespace kanto::datetime
