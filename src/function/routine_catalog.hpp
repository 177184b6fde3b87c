// The built-in functions, aggregates, window functions and operators as the system catalogs
// (pg_proc, pg_operator) and psql's \df / \do list them, generated from the registries. OIDs are
// assigned in a fixed order (by name, then registration order), so they are the same in every run
// of the same build.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kanto {

// PostgreSQL's pseudo-types, for polymorphic signatures: "any" (each argument its own type),
// anyelement / anyarray / anynonarray (one common type), internal.
inline constexpr uint32_t kAnyTypeOid = 2276;
inline constexpr uint32_t kAnyArrayTypeOid = 2277;
inline constexpr uint32_t kInternalTypeOid = 2281;
inline constexpr uint32_t kAnyElementTypeOid = 2283;
inline constexpr uint32_t kAnyNonArrayTypeOid = 2776;
inline constexpr uint32_t kRecordTypeOid = 2249;
// cstring and cstring[]: the arguments of the type input and typmod functions (type_io_functions).
inline constexpr uint32_t kCstringTypeOid = 2275;
inline constexpr uint32_t kCstringArrayTypeOid = 1263;

struct PseudoTypeInfo {
  uint32_t oid;
  const char* name;
};
const std::vector<PseudoTypeInfo>& PseudoTypes();
// The pseudo-type's name, or nullptr.
const char* PseudoTypeName(uint32_t oid);

struct RoutineEntry {
  uint32_t oid = 0;
  std::string name;
  char kind = 'f';  // 'f' function, 'a' aggregate, 'w' window function
  std::vector<uint32_t> arg_types;  // type OIDs
  uint32_t return_type = 0;
  uint32_t variadic_type = 0;  // the last argument's type when it repeats, else 0
  bool strict = true;
  char volatility = 'i';  // pg_proc.provolatile: 'i' immutable, 's' stable, 'v' volatile
  char parallel = 's';    // pg_proc.proparallel
  bool returns_set = false;
  float rows = 0;  // pg_proc.prorows: rows per call of a set-returning function
  // OUT arguments (a set-returning function's columns) and argument names, as pg_proc's
  // proallargtypes, proargmodes ('i' / 'o') and proargnames give them; empty when none.
  std::vector<uint32_t> all_arg_types;
  std::string arg_modes;
  std::vector<std::string> arg_names;
  std::string source;  // pg_proc.prosrc
  const char* description = nullptr;  // PostgreSQL's, when it has the routine
};

struct OperatorEntry {
  uint32_t oid = 0;
  std::string name;
  char kind = 'b';  // 'b' infix, 'l' prefix
  uint32_t left = 0;  // 0 for a prefix operator
  uint32_t right = 0;
  uint32_t result = 0;
  uint32_t commutator = 0;  // operator OIDs, 0 when none
  uint32_t negator = 0;
  const char* description = nullptr;  // PostgreSQL's, when it has the operator
};

const std::vector<RoutineEntry>& BuiltinRoutines();
const std::vector<OperatorEntry>& BuiltinOperators();
const RoutineEntry* FindBuiltinRoutine(uint32_t oid);
// The OID of the first built-in routine named `name` (the one of a type I/O function), or 0.
uint32_t BuiltinRoutineOid(const std::string& name);
// The built-in routine name(arg_types), or null.
const RoutineEntry* FindBuiltinRoutine(const std::string& name, const std::vector<uint32_t>& arg_types);
const OperatorEntry* FindBuiltinOperator(uint32_t oid);

// format_type(oid, NULL) for built-in and pseudo types ("integer", "text[]", "\"any\"", "???").
std::string TypeOidName(uint32_t oid);

// pg_get_function_arguments() and pg_get_function_identity_arguments() (the same for built-ins,
// which have no defaults): "integer, text", "VARIADIC \"any\"", "partitionid regclass, OUT relid
// regclass".
std::string RoutineArgumentsText(const RoutineEntry& r);
// pg_get_function_result(): "integer", "SETOF text".
std::string RoutineResultText(const RoutineEntry& r);
// pg_get_functiondef(): CREATE OR REPLACE FUNCTION as PostgreSQL prints a built-in (LANGUAGE internal).
std::string RoutineDefinitionText(const RoutineEntry& r);

}  // namespace kanto
