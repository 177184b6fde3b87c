// PostgreSQL 15's pg_cast rows among the types Kanto has: the casts it declares (conversions
// through text input and output are not listed, in PostgreSQL neither), each with the function
// that performs it ('f') or as binary coercible ('b'). pg_cast shows those Kanto performs, in the
// context Kanto allows them (function/cast CanCast); the functions are pg_proc's too.
#pragma once

#include <vector>

#include "types/logical_type.hpp"

namespace kanto {

struct CastCatalogEntry {
  TypeId source;
  TypeId target;
  char method;  // pg_cast.castmethod: 'f' function, 'b' binary coercible
  // The function of a method 'f' cast, as pg_proc declares it.
  const char* function = nullptr;
  const char* source_name = nullptr;  // pg_proc.prosrc
  std::vector<TypeId> arg_types;
  TypeId return_type = TypeId::kUnknown;
  char volatility = 'i';
};

const std::vector<CastCatalogEntry>& DeclaredCasts();

// The cast functions of DeclaredCasts as callable functions (int8(integer), text(boolean),
// varchar(character varying, integer, boolean), ...): each converts as the cast does. The
// length coercions of interval, timestamp and timestamptz (precision typmods) are not among them:
// Kanto keeps no precision for those types, and pg_cast leaves those casts out.
class FunctionRegistry;
void RegisterCastFunctions(FunctionRegistry& r);
// True for a length coercion Kanto does not perform (see RegisterCastFunctions).
bool IsUnsupportedLengthCoercion(const CastCatalogEntry& c);

}  // namespace kanto
