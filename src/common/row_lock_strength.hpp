// The four row lock strengths, PostgreSQL's tuple lock modes, weakest first.
#pragma once

#include <cstdint>

namespace kanto {

// FOR KEY SHARE conflicts with FOR UPDATE only; FOR SHARE with FOR NO KEY UPDATE and FOR UPDATE;
// FOR NO KEY UPDATE with FOR SHARE, itself and FOR UPDATE; FOR UPDATE with all four. A write takes
// FOR NO KEY UPDATE (an UPDATE that changes no column of a unique index) or FOR UPDATE (DELETE, an
// UPDATE that changes a key); a foreign key check takes FOR KEY SHARE on the referenced row.
enum class RowLockStrength : uint8_t { kKeyShare, kShare, kNoKeyUpdate, kUpdate };

}  // namespace kanto
