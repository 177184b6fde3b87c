#include "function/routine_catalog.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "function/aggregate.hpp"
#include "function/cast_catalog.hpp"
#include "function/function.hpp"
#include "function/operator_descriptions.hpp"
#include "function/routine_descriptions.hpp"
#include "function/set_returning_signatures.hpp"
#include "function/type_io_functions.hpp"
#include "function/window_functions.hpp"

namespace kanto {

namespace {

constexpr uint32_t kFirstRoutineOid = 6000;
constexpr uint32_t kFirstOperatorOid = 9000;

bool IsOperatorName(const std::string& name) {
  return !name.empty() && name.find_first_not_of("+-*/<>=~!@#%^&|`?") == std::string::npos;
}

bool IsAnyArray(const LogicalType& t) { return t.IsArray() && t.elem == TypeId::kUnknown; }

// A signature in Kanto's terms (kUnknown = polymorphic), mapped to PostgreSQL's type OIDs.
struct Signature {
  const std::vector<LogicalType>* args;
  LogicalType ret;
  const ReturnTypeFn* ret_fn;
  bool variadic;
};

// kUnknown arguments keep their own types ("any") unless they share a type with an array
// argument or the result (anyelement).
bool SharesPolymorphicType(const Signature& s) {
  bool shares = s.ret.id == TypeId::kUnknown || IsAnyArray(s.ret);
  for (const auto& a : *s.args) shares = shares || IsAnyArray(a);
  return shares;
}

uint32_t ArgOid(const LogicalType& t, bool shares) {
  if (IsAnyArray(t)) return kAnyArrayTypeOid;
  if (t.id == TypeId::kUnknown) {
    if (t.mod1 == kAnyNonArray) return kAnyNonArrayTypeOid;
    return shares ? kAnyElementTypeOid : kAnyTypeOid;
  }
  return t.oid();
}

// The result type: a declared kUnknown result follows the polymorphic argument; a computed one is
// found by calling the function with int4 in the polymorphic positions.
uint32_t ReturnOid(const Signature& s) {
  if (s.ret_fn && *s.ret_fn) {
    const LogicalType probe(TypeId::kInt4);
    std::vector<LogicalType> args;
    bool polymorphic = false;
    for (const auto& a : *s.args) {
      polymorphic = polymorphic || a.id == TypeId::kUnknown || IsAnyArray(a);
      args.push_back(IsAnyArray(a) ? LogicalType::ArrayOf(probe) : a.id == TypeId::kUnknown ? probe : a);
    }
    try {
      LogicalType r = (*s.ret_fn)(args);
      if (polymorphic && r == probe) return kAnyElementTypeOid;
      if (polymorphic && r == LogicalType::ArrayOf(probe)) return kAnyArrayTypeOid;
      return r.oid();
    } catch (...) {
    }
  }
  if (IsAnyArray(s.ret)) return kAnyArrayTypeOid;
  if (s.ret.id == TypeId::kUnknown) return kAnyElementTypeOid;
  return s.ret.oid();
}

void Fill(const Signature& s, std::vector<uint32_t>* args, uint32_t* ret, uint32_t* variadic) {
  bool shares = SharesPolymorphicType(s);
  for (const auto& a : *s.args) args->push_back(ArgOid(a, shares));
  *ret = ReturnOid(s);
  *variadic = s.variadic && !args->empty() ? args->back() : 0;
  // A variadic argument of a concrete type is declared as its array (VARIADIC text[]).
  if (*variadic && *variadic != kAnyTypeOid) args->back() = LogicalType::ArrayOf(s.args->back()).oid();
}

template <typename Map>
std::vector<std::string> SortedNames(const Map& m) {
  std::vector<std::string> names;
  for (const auto& [name, overloads] : m) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

// A set-returning function's pg_proc entry: OUT arguments make its columns, and two or more of
// them make it return record.
RoutineEntry SetReturningRoutine(const SetReturningSignature& s) {
  RoutineEntry r;
  r.name = s.name;
  r.returns_set = true;
  r.volatility = s.volatility;
  r.parallel = s.parallel;
  r.rows = s.rows;
  r.source = s.source;
  Fill({&s.arg_types, s.result, nullptr, false}, &r.arg_types, &r.return_type, &r.variadic_type);
  if (!s.out_args.empty()) {
    r.all_arg_types = r.arg_types;
    r.arg_modes.assign(r.arg_types.size(), 'i');
    r.arg_names = s.arg_names;
    for (const auto& [name, type] : s.out_args) {
      r.all_arg_types.push_back(type.oid());
      r.arg_modes += 'o';
      r.arg_names.push_back(name);
    }
    if (s.out_args.size() > 1) r.return_type = kRecordTypeOid;
  } else {
    r.arg_names = s.arg_names;
  }
  return r;
}

// The declared cast whose function is name(args), or null.
const CastCatalogEntry* CastFunction(const std::string& name, const std::vector<LogicalType>& args) {
  for (const CastCatalogEntry& c : DeclaredCasts()) {
    if (c.method != 'f' || name != c.function || args.size() != c.arg_types.size()) continue;
    bool same = true;
    for (size_t i = 0; i < args.size(); i++) same = same && args[i].id == c.arg_types[i];
    if (same) return &c;
  }
  return nullptr;
}

struct Catalogs {
  std::vector<RoutineEntry> routines;
  std::vector<OperatorEntry> operators;
};

void AddOperators(const std::string& name, const std::vector<ScalarFunction>& overloads, Catalogs* out) {
  for (const ScalarFunction& f : overloads) {
    if (f.arg_types.empty() || f.arg_types.size() > 2) continue;
    OperatorEntry op;
    op.oid = kFirstOperatorOid + static_cast<uint32_t>(out->operators.size());
    op.name = name;
    std::vector<uint32_t> args;
    uint32_t variadic;
    Fill({&f.arg_types, f.return_type, &f.return_type_fn, false}, &args, &op.result, &variadic);
    op.kind = args.size() == 2 ? 'b' : 'l';
    op.left = args.size() == 2 ? args[0] : 0;
    op.right = args.back();
    out->operators.push_back(op);
  }
}

// Commutators (a < b is b > a) and negators (a = b is NOT a <> b) among the listed operators.
void LinkOperators(std::vector<OperatorEntry>* ops) {
  static const std::map<std::string, std::string> kCommutator = {
      {"=", "="}, {"<>", "<>"}, {"<", ">"}, {">", "<"}, {"<=", ">="}, {">=", "<="},
      {"+", "+"}, {"*", "*"},   {"&&", "&&"}, {"@>", "<@"}, {"<@", "@>"}, {"&", "&"}, {"|", "|"}, {"#", "#"}};
  static const std::map<std::string, std::string> kNegator = {
      {"=", "<>"}, {"<>", "="}, {"<", ">="}, {">=", "<"}, {">", "<="}, {"<=", ">"},
      {"~~", "!~~"}, {"!~~", "~~"}, {"~~*", "!~~*"}, {"!~~*", "~~*"}, {"~", "!~"}, {"!~", "~"},
      {"~*", "!~*"}, {"!~*", "~*"}};
  auto find = [&](const std::string& name, uint32_t left, uint32_t right) -> uint32_t {
    for (const auto& o : *ops) {
      if (o.kind == 'b' && o.name == name && o.left == left && o.right == right) return o.oid;
    }
    return 0;
  };
  for (auto& op : *ops) {
    if (op.kind != 'b') continue;
    if (auto it = kCommutator.find(op.name); it != kCommutator.end()) op.commutator = find(it->second, op.right, op.left);
    if (auto it = kNegator.find(op.name); it != kNegator.end()) op.negator = find(it->second, op.left, op.right);
  }
}

Catalogs Build() {
  Catalogs out;
  std::vector<RoutineEntry> routines;
  std::set<std::string> set_returning;
  for (const SetReturningSignature& s : SetReturningSignatures()) {
    set_returning.insert(s.name);
    routines.push_back(SetReturningRoutine(s));
  }
  const auto& scalars = FunctionRegistry::Instance().All();
  for (const std::string& name : SortedNames(scalars)) {
    if (name.empty() || name[0] == '$') continue;  // internal: array constructor, subscripts
    if (IsOperatorName(name)) {
      AddOperators(name, scalars.at(name), &out);
      continue;
    }
    if (set_returning.count(name)) continue;  // the array a set-returning function runs over
    for (const ScalarFunction& f : scalars.at(name)) {
      RoutineEntry r;
      r.name = name;
      r.strict = f.strict;
      r.volatility = f.is_volatile ? 'v' : 'i';
      Fill({&f.arg_types, f.return_type, &f.return_type_fn, f.variadic}, &r.arg_types, &r.return_type, &r.variadic_type);
      if (const CastCatalogEntry* c = CastFunction(name, f.arg_types)) {
        r.volatility = c->volatility;
        r.source = c->source_name;
      }
      routines.push_back(std::move(r));
    }
  }
  for (const TypeIoFunction& f : TypeIoFunctions()) {
    RoutineEntry r;
    r.name = f.name;
    r.arg_types = f.arg_types;
    r.return_type = f.return_type;
    r.strict = f.strict;
    r.volatility = f.volatility;
    r.parallel = f.parallel;
    r.source = f.source;
    routines.push_back(std::move(r));
  }
  const auto& aggregates = AggregateRegistry::Instance().All();
  for (const std::string& name : SortedNames(aggregates)) {
    if (name[0] == '$') continue;  // internal ($json_agg_rows, $hypothetical_rank, ...)
    for (const AggregateFunction& f : aggregates.at(name)) {
      RoutineEntry r;
      r.name = name;
      r.kind = 'a';
      r.strict = f.strict;
      Fill({&f.arg_types, f.return_type, &f.return_type_fn, false}, &r.arg_types, &r.return_type, &r.variadic_type);
      routines.push_back(std::move(r));
    }
  }
  for (const WindowFunctionSignature& w : WindowFunctionSignatures()) {
    RoutineEntry r;
    r.name = w.name;
    r.kind = 'w';
    r.strict = false;
    Fill({&w.arg_types, w.return_type, nullptr, false}, &r.arg_types, &r.return_type, &r.variadic_type);
    routines.push_back(std::move(r));
  }
  std::stable_sort(routines.begin(), routines.end(),
                   [](const RoutineEntry& a, const RoutineEntry& b) { return a.name < b.name; });
  for (size_t i = 0; i < routines.size(); i++) {
    routines[i].oid = kFirstRoutineOid + static_cast<uint32_t>(i);
    // The catalog shows PostgreSQL's attributes of the functions Kanto implements as PostgreSQL's.
    RoutineEntry& r = routines[i];
    if (const PostgresRoutine* pg = FindPostgresRoutine(r.name, r.arg_types)) {
      r.description = pg->description;
      if (pg->source) r.source = pg->source;
      if (pg->volatility) r.volatility = pg->volatility;
      if (pg->parallel) r.parallel = pg->parallel;
      if (pg->strict >= 0) r.strict = pg->strict != 0;
    }
  }
  out.routines = std::move(routines);
  LinkOperators(&out.operators);
  for (OperatorEntry& op : out.operators) op.description = BuiltinOperatorDescription(op.name, op.left, op.right);
  return out;
}

const Catalogs& Get() {
  static const Catalogs* catalogs = new Catalogs(Build());
  return *catalogs;
}

}  // namespace

const std::vector<PseudoTypeInfo>& PseudoTypes() {
  static const std::vector<PseudoTypeInfo> types = {
      {kAnyTypeOid, "any"},           {kAnyArrayTypeOid, "anyarray"},       {kInternalTypeOid, "internal"},
      {kAnyElementTypeOid, "anyelement"}, {kAnyNonArrayTypeOid, "anynonarray"}, {kRecordTypeOid, "record"},
      {kCstringTypeOid, "cstring"},
  };
  return types;
}

const char* PseudoTypeName(uint32_t oid) {
  for (const auto& p : PseudoTypes()) {
    if (p.oid == oid) return p.name;
  }
  return nullptr;
}

const std::vector<RoutineEntry>& BuiltinRoutines() { return Get().routines; }
const std::vector<OperatorEntry>& BuiltinOperators() { return Get().operators; }

const RoutineEntry* FindBuiltinRoutine(uint32_t oid) {
  const auto& all = BuiltinRoutines();
  if (oid < kFirstRoutineOid || oid - kFirstRoutineOid >= all.size()) return nullptr;
  return &all[oid - kFirstRoutineOid];
}

const OperatorEntry* FindBuiltinOperator(uint32_t oid) {
  const auto& all = BuiltinOperators();
  if (oid < kFirstOperatorOid || oid - kFirstOperatorOid >= all.size()) return nullptr;
  return &all[oid - kFirstOperatorOid];
}

uint32_t BuiltinRoutineOid(const std::string& name) {
  static const std::map<std::string, uint32_t>* first = [] {
    auto* m = new std::map<std::string, uint32_t>;
    for (const RoutineEntry& r : BuiltinRoutines()) m->emplace(r.name, r.oid);
    return m;
  }();
  auto it = first->find(name);
  return it == first->end() ? 0 : it->second;
}

const RoutineEntry* FindBuiltinRoutine(const std::string& name, const std::vector<uint32_t>& arg_types) {
  for (const RoutineEntry& r : BuiltinRoutines()) {
    if (r.name == name && r.arg_types == arg_types) return &r;
  }
  return nullptr;
}

std::string TypeOidName(uint32_t oid) {
  if (const char* pseudo = PseudoTypeName(oid)) return oid == kAnyTypeOid ? "\"any\"" : pseudo;
  if (oid == kCstringArrayTypeOid) return "cstring[]";
  // format_type(oid, NULL) spells bpchar "character" (the typmod-less "bpchar" is for columns).
  if (oid == LogicalType(TypeId::kChar).oid()) return "character";
  if (oid == LogicalType::ArrayOf(LogicalType(TypeId::kChar)).oid()) return "character[]";
  LogicalType t = LogicalType::FromOid(oid);
  if (t.id == TypeId::kUnknown && oid != LogicalType(TypeId::kUnknown).oid()) return "???";
  return t.ToString();
}

std::string RoutineArgumentsText(const RoutineEntry& r) {
  std::string out;
  auto add = [&](uint32_t type, size_t i, bool is_out) {
    if (!out.empty()) out += ", ";
    if (is_out) out += "OUT ";
    if (r.variadic_type && !is_out && i + 1 == r.arg_types.size()) out += "VARIADIC ";
    if (i < r.arg_names.size() && !r.arg_names[i].empty()) out += r.arg_names[i] + " ";
    out += TypeOidName(type);
  };
  if (r.all_arg_types.empty()) {
    for (size_t i = 0; i < r.arg_types.size(); i++) add(r.arg_types[i], i, false);
    return out;
  }
  for (size_t i = 0; i < r.all_arg_types.size(); i++) add(r.all_arg_types[i], i, r.arg_modes[i] == 'o');
  return out;
}

std::string RoutineResultText(const RoutineEntry& r) {
  return (r.returns_set ? "SETOF " : "") + TypeOidName(r.return_type);
}

// As PostgreSQL's pg_get_functiondef prints a function of LANGUAGE internal: its options on one
// line (COST 1 and ROWS 1000 are the defaults, so not printed), its C function as the body.
std::string RoutineDefinitionText(const RoutineEntry& r) {
  std::string out = "CREATE OR REPLACE FUNCTION pg_catalog." + r.name + "(" + RoutineArgumentsText(r) + ")\n";
  out += " RETURNS " + RoutineResultText(r) + "\n LANGUAGE internal\n";
  std::string options;
  if (r.kind == 'w') options += " WINDOW";
  if (r.volatility == 'i') options += " IMMUTABLE";
  if (r.volatility == 's') options += " STABLE";
  if (r.parallel == 's') options += " PARALLEL SAFE";
  if (r.parallel == 'r') options += " PARALLEL RESTRICTED";
  if (r.strict) options += " STRICT";
  if (r.rows > 0 && r.rows != 1000) {
    char rows[32];
    std::snprintf(rows, sizeof rows, " ROWS %g", static_cast<double>(r.rows));
    options += rows;
  }
  if (!options.empty()) out += options + "\n";
  return out + "AS $function$" + (r.source.empty() ? r.name : r.source) + "$function$\n";
}

}  // namespace kanto
