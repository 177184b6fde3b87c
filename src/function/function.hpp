// Scalar function registry. Operators are functions too: "+"(integer, integer) is registered under
// the name "+". The binder picks an overload with PostgreSQL's resolution rules (see binder);
// the expression executor calls its kernel over whole vectors.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "function/function_context.hpp"
#include "types/vector.hpp"

namespace kanto {

// Kernel: computes result[i] for i in [0, count). For strict functions the caller has already sized
// `result` to `count` and marked result[i] NULL wherever an argument is NULL; the kernel must skip
// those rows (they hold default values) and fill the others (it may also set more NULLs).
// For non-strict functions result is sized to `count`, all NULL, and the kernel decides everything.
using ScalarKernel =
    std::function<void(const std::vector<const Vector*>& args, size_t count, Vector& result, FunctionContext& ctx)>;

// Computes the result type from the resolved argument types (for polymorphic or typmod-preserving
// functions, e.g. round(numeric, int)). Optional.
using ReturnTypeFn = std::function<LogicalType(const std::vector<LogicalType>& args)>;

struct ScalarFunction {
  std::string name;
  // Declared argument types; TypeId::kUnknown here means "any type" (polymorphic; all such
  // arguments are coerced to one common type, like PostgreSQL's anyelement).
  std::vector<LogicalType> arg_types;
  LogicalType return_type;
  ScalarKernel kernel;
  bool strict = true;     // NULL in any argument gives NULL, kernel not consulted for that row
  bool is_volatile = false;  // random(), clock_timestamp(): never constant-folded
  bool variadic = false;  // last arg type repeats (concat, format)
  ReturnTypeFn return_type_fn;
};

class FunctionRegistry {
 public:
  // The process-wide registry with every built-in function (built on first use, thread-safe).
  static const FunctionRegistry& Instance();

  void Add(ScalarFunction fn);
  // All overloads registered under `name` (lower-case), or nullptr.
  const std::vector<ScalarFunction>* Find(const std::string& name) const;
  // Every name with its overloads (in registration order), for the system catalogs.
  const std::unordered_map<std::string, std::vector<ScalarFunction>>& All() const { return scalars_; }

 private:
  std::unordered_map<std::string, std::vector<ScalarFunction>> scalars_;
};

// Registration entry points, one per family (each in its own file under src/function/).
void RegisterOperatorFunctions(FunctionRegistry& r);   // arithmetic, comparison, ||, date/time arithmetic
void RegisterPatternOperators(FunctionRegistry& r);    // LIKE, ILIKE, SIMILAR TO, ~ ~* !~ !~* (function/regex/)
void RegisterRegexpFunctions(FunctionRegistry& r);     // regexp_match/replace/split/count/instr/substr/like, substring
void RegisterMathFunctions(FunctionRegistry& r);       // abs, round, trunc, ceil, floor, sqrt, power, mod, ...
void RegisterStringFunctions(FunctionRegistry& r);     // length, lower, upper, substring, position, ...
void RegisterFormatFunctions(FunctionRegistry& r);     // format, quote_ident, quote_literal, quote_nullable
void RegisterDatetimeFunctions(FunctionRegistry& r);   // now, extract/date_part, date_trunc, age, ...
void RegisterSystemFunctions(FunctionRegistry& r);     // version, current_setting, pg_typeof, ...
void RegisterCatalogFunctions(FunctionRegistry& r);    // pg_get_userbyid, pg_table_is_visible, format_type, ...
void RegisterSessionFunctions(FunctionRegistry& r);    // pg_backend_pid, advisory locks, pg_cancel_backend, pg_sleep
void RegisterSequenceFunctions(FunctionRegistry& r);   // nextval, currval, setval, lastval, pg_get_serial_sequence
void RegisterNotifyFunctions(FunctionRegistry& r);     // pg_notify, pg_listening_channels
void RegisterSchemaFunctions(FunctionRegistry& r);     // current_schema(s), pg_my_temp_schema, pg_is_other_temp_schema
void RegisterArrayFunctions(FunctionRegistry& r);      // ARRAY[...], subscripts, ANY/ALL (array), array_length, ...
void RegisterRecordFunctions(FunctionRegistry& r);     // ROW(...), (record).field, record comparisons
void RegisterEnumFunctions(FunctionRegistry& r);       // enum comparisons, enum_first / enum_last / enum_range
void RegisterJsonFunctions(FunctionRegistry& r);       // json[b]_build_object / _array, to_json[b], row_to_json
void RegisterJsonOperators(FunctionRegistry& r);       // -> ->> #> #>>, jsonb's comparisons, @> <@ ? ?| ?& || - #-
void RegisterJsonProcessing(FunctionRegistry& r);      // json[b]_typeof, _each, _array_elements, jsonb_set, ...
void RegisterSizeFunctions(FunctionRegistry& r);       // pg_relation_size, pg_total_relation_size, pg_size_pretty, ...
void RegisterPrivilegeFunctions(FunctionRegistry& r);  // has_table_privilege and the other has_*_privilege, pg_has_role
void RegisterServerInfoFunctions(FunctionRegistry& r); // txid_current, pg_postmaster_start_time, inet_server_addr, ...

}  // namespace kanto
