// The literals of a query text, found by a conservative lexical scan (no parse). The text with each
// literal replaced by a marker of its class is the key of the literal plan cache
// (main/literal_plan_cache.cpp): two texts with the same key differ only inside literals of the
// same classes, so PostgreSQL's grammar gives them the same tree apart from those constants.
// Texts the scan is not sure of have no key: comments, dollar quotes and $n, escape, bit, hex and
// Unicode strings, backslashes, strings continued on a new line, numbers run into a name or a dot,
// control characters, and more than one statement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast_stmt.hpp"  // (ast_expr.hpp needs SelectStmt complete)

namespace kanto {

struct ScannedLiteral {
  enum class Kind : uint8_t { kInteger, kDecimal, kString };  // 42, 1.5 / 1e3, 'text'
  Kind kind = Kind::kInteger;
  uint32_t pos = 0;  // the token's bytes in the text (quotes included)
  uint32_t len = 0;
};

struct LiteralScan {
  std::string key;
  std::vector<ScannedLiteral> literals;  // in text order
};

// False when the text has no key (see above).
bool ScanLiterals(std::string_view text, LiteralScan* out);

// The constant the transformer makes of `lit` (preceded by a unary minus the grammar folds into it
// when `negate`): kInteger when it fits int64, else kNumeric with the digits as written, or kString
// with the quotes undone.
ast::Constant LiteralConstant(std::string_view text, const ScannedLiteral& lit, bool negate);

}  // namespace kanto
