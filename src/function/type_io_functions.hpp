// PostgreSQL's type input / output / binary receive / send / typmod / analyze / subscript
// functions of the types Kanto has, as pg_type names them (typinput, typoutput, ...) and pg_proc
// lists them. They are catalog entries only: Kanto converts values with its own codecs
// (function/cast, the server's binary formats), so these functions cannot be called (they take
// cstring and internal, which SQL cannot produce).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kanto {

struct TypeIoFunction {
  const char* name;
  std::vector<uint32_t> arg_types;  // type OIDs (cstring 2275, internal 2281, ...)
  uint32_t return_type;
  char volatility;
  bool strict;
  char parallel;
  const char* source;  // pg_proc.prosrc
};
const std::vector<TypeIoFunction>& TypeIoFunctions();

// A type's functions by pg_type.typname ("-": none); an array type ("_int4") has the array ones.
struct TypeIo {
  std::string input, output, receive, send, modin, modout, analyze, subscript;
  bool preferred = false;  // pg_type.typispreferred
};
// False when `typname` is not one of Kanto's types.
bool FindTypeIo(const std::string& typname, TypeIo* out);

}  // namespace kanto
