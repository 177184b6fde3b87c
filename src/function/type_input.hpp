// A type's input from text, as an untyped literal ('...') becomes a value of the type it is
// assigned or cast to: the input function of the base type, then the type's modifiers
// (varchar(3), numeric(5,2)) as the context requires. Used by the binder for string literals and
// by COPY FROM for every field, so both give the same values and the same errors.
#pragma once

#include <string_view>

#include "function/cast.hpp"

namespace kanto {

// `text` as a value of `target` (its type set to `target`, modifiers included). Throws the
// type's input errors (22P02, 22003, 22007, ...) and, for modifiers, 22001 in an assignment.
// `shared` (optional) is `text` as a text Value already: text input shares its string.
Value TypeInput(std::string_view text, const LogicalType& target, CastContext context, const FunctionContext& fn,
                const Value* shared = nullptr);

}  // namespace kanto
