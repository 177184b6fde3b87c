// A set-returning function over bound arguments, as a FROM item (functions in FROM and the select
// list's calls). The ones that return an array's elements become unnest of that array
// (regexp_split_to_table, pg_listening_channels, pg_partition_ancestors, pg_options_to_table);
// generate_subscripts becomes a generate_series; generate_series resolves among PostgreSQL's
// overloads (integer, bigint, numeric, timestamp and timestamptz with an interval step), and
// regexp_matches its text overloads.
#include <functional>

#include "common/sql_text.hpp"
#include "function/set_returning_signatures.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/set_returning_functions.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

namespace {

// PostgreSQL 15's overloads of a set-returning function (function/set_returning_signatures), for
// type resolution only: generate_series runs in PhysicalGenerateSeries, regexp_matches (setof
// text[]) in its own operator.
std::vector<ScalarFunction> Overloads(const std::string& name) {
  std::vector<ScalarFunction> out;
  for (const SetReturningSignature& s : SetReturningSignatures()) {
    if (s.name != name) continue;
    ScalarFunction f;
    f.name = s.name;
    f.arg_types = s.arg_types;
    f.return_type = s.result;
    out.push_back(std::move(f));
  }
  return out;
}

const std::vector<ScalarFunction>& SeriesOverloads() {
  static const std::vector<ScalarFunction> overloads = Overloads("generate_series");
  return overloads;
}

const std::vector<ScalarFunction>& MatchesOverloads() {
  static const std::vector<ScalarFunction> overloads = Overloads("regexp_matches");
  return overloads;
}

}  // namespace

std::unique_ptr<LogicalTableFunction> Binder::BindSetFunction(const std::string& name, std::vector<BoundExprPtr> args,
                                                              int location) {
  auto fn = std::make_unique<LogicalTableFunction>();
  fn->table_index = NewTableIndex();
  fn->name = name;
  ExprBinder eb(*this, nullptr, nullptr, "functions in FROM");
  auto array_of = [&](const std::string& function) {  // the function's array, one row per element
    BoundExprPtr array = eb.BindFunction(function, std::move(args), location);
    args.clear();
    args.push_back(std::move(array));
    fn->name = "unnest";
  };
  if (name == "regexp_split_to_table") {
    array_of("regexp_split_to_array");
  } else if (name == "pg_listening_channels" || name == "pg_partition_ancestors") {
    array_of(name);
  } else if (name == "pg_options_to_table") {
    if (args.size() != 1) {
      throw At(Error(sqlstate::kUndefinedFunction,
                     "function pg_options_to_table with " + std::to_string(args.size()) + " arguments does not exist"),
               location);
    }
    BoundExprPtr options = std::move(args[0]);
    args.clear();
    std::vector<BoundExprPtr> one;
    one.push_back(options->Copy());
    args.push_back(eb.BindFunction("$option_names", std::move(one), location));
    one.clear();
    one.push_back(std::move(options));
    args.push_back(eb.BindFunction("$option_values", std::move(one), location));
    fn->name = "unnest";
  } else if (name == "_pg_expandarray") {
    // information_schema._pg_expandarray(a): (x, n) per element, n from 1, as unnest(a, 1..n).
    if (args.size() != 1) {
      throw At(Error(sqlstate::kUndefinedFunction,
                     "function information_schema._pg_expandarray with " + std::to_string(args.size()) +
                         " arguments does not exist"),
               location);
    }
    BoundExprPtr array = AsArray(std::move(args[0]));
    args.clear();
    if (array->type.IsArray()) {
      std::vector<BoundExprPtr> one;
      one.push_back(array->Copy());
      args.push_back(std::move(array));
      args.push_back(eb.BindFunction("$subscripts", std::move(one), location));
    } else {
      args.push_back(std::move(array));  // unnest below reports the type
    }
    fn->name = "unnest";
  } else if (IsJsonSetFunction(name)) {
    // One array per OUT column (json_each: key, value), or the keys (json_object_keys).
    const SetReturningSignature* sig = nullptr;
    for (const SetReturningSignature& s : SetReturningSignatures()) {
      if (s.name == name) sig = &s;
    }
    if (args.size() != 1) {
      std::vector<LogicalType> types;
      for (const auto& a : args) types.push_back(a->type);
      throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                   .WithHint("No function matches the given name and argument types. You might need to add explicit "
                             "type casts."),
               location);
    }
    BoundExprPtr json = Coerce(std::move(args[0]), sig->arg_types[0], CastContext::kImplicit, location);
    args.clear();
    if (sig->out_args.empty()) {
      std::vector<BoundExprPtr> one;
      one.push_back(std::move(json));
      args.push_back(eb.BindFunction("$" + name, std::move(one), location));
    } else {
      for (const auto& [column, type] : sig->out_args) {
        std::vector<BoundExprPtr> one;
        one.push_back(json->Copy());
        args.push_back(eb.BindFunction("$" + name + "." + column, std::move(one), location));
      }
    }
    fn->name = "unnest";
  } else if (name == "generate_subscripts") {
    args = SubscriptSeries(eb, std::move(args), location);
    fn->name = "generate_series";
  }
  if (fn->name == "unnest") {
    // unnest(a, b, ...): one column per array, as many rows as the longest has (NULL-padded).
    std::vector<LogicalType> arg_types;
    for (auto& a : args) {
      a = AsArray(std::move(a));
      arg_types.push_back(a->type);
    }
    for (auto& a : args) {
      if (a->type.id != TypeId::kArray) {
        throw At(Error(sqlstate::kUndefinedFunction, "function unnest(" + TypeListString(arg_types) + ") does not exist"),
                 location);
      }
      fn->types.push_back(a->type.ElementType());
      fn->args.push_back(std::move(a));
    }
    if (args.empty()) throw At(Error(sqlstate::kUndefinedFunction, "function unnest() does not exist"), location);
    return fn;
  }
  // generate_series, regexp_matches
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  ResolvedFunction r;
  if (!ResolveScalar(name == "regexp_matches" ? MatchesOverloads() : SeriesOverloads(), types, &r)) {
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             location);
  }
  // Integer series run over bigint arguments; the result keeps the resolved type.
  bool integer = r.return_type.IsInteger();
  for (size_t i = 0; i < args.size(); i++) {
    LogicalType target = integer ? LogicalType(TypeId::kInt8) : r.arg_types[i];
    fn->args.push_back(Coerce(Coerce(std::move(args[i]), r.arg_types[i], CastContext::kImplicit, location), target,
                              CastContext::kImplicit, location));
  }
  fn->types.push_back(r.return_type);
  return fn;
}

}  // namespace kanto
