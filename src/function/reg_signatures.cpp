#include "function/reg_signatures.hpp"

#include <cctype>
#include <vector>

#include "catalog/catalog.hpp"
#include "common/sql_text.hpp"
#include "function/cast_text.hpp"
#include "function/object_names.hpp"
#include "function/routine_catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

// "pg_catalog.name" or "name" (lower-cased unless quoted); "" when another schema is named.
std::string BuiltinName(std::string_view text) {
  std::vector<std::string> parts = SplitName(text);
  if (parts.size() > 2 || (parts.size() == 2 && parts[0] != "pg_catalog")) return "";
  return std::string(TrimSpaces(parts.back()));
}

struct Signature {
  std::string name;
  std::vector<std::string> args;  // as written, trimmed
};

// "name(a, b)": the name and the arguments, split at the commas outside parentheses and quotes.
Signature ParseSignature(std::string_view text) {
  std::string_view s = TrimSpaces(text);
  size_t open = std::string_view::npos;
  bool quoted = false;
  for (size_t i = 0; i < s.size() && open == std::string_view::npos; i++) {
    if (s[i] == '"') quoted = !quoted;
    else if (s[i] == '(' && !quoted) open = i;
  }
  if (open == std::string_view::npos) throw Error(sqlstate::kInvalidTextRepresentation, "expected a left parenthesis");
  if (s.back() != ')') throw Error(sqlstate::kInvalidTextRepresentation, "expected a right parenthesis");
  Signature out;
  out.name = std::string(TrimSpaces(s.substr(0, open)));
  std::string_view list = s.substr(open + 1, s.size() - open - 2);
  if (TrimSpaces(list).empty()) return out;
  int depth = 0;
  size_t start = 0;
  quoted = false;
  for (size_t i = 0; i <= list.size(); i++) {
    if (i == list.size() || (list[i] == ',' && depth == 0 && !quoted)) {
      out.args.emplace_back(TrimSpaces(list.substr(start, i - start)));
      start = i + 1;
      continue;
    }
    if (list[i] == '"') quoted = !quoted;
    else if (!quoted && list[i] == '(') depth++;
    else if (!quoted && list[i] == ')') depth--;
  }
  return out;
}

uint32_t TypeOid(std::string_view name, const FunctionContext& ctx) {
  return static_cast<uint32_t>(TextToOidType(name, LogicalType(TypeId::kRegtype), ctx).int_value());
}

std::string TypeText(uint32_t oid, const FunctionContext& ctx) {
  return OidTypeToText(Value::FromInt(LogicalType(TypeId::kRegtype), oid), ctx);
}

bool IsNone(const std::string& arg) {
  std::string lower;
  for (char c : arg) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "none";
}

int64_t FindProcedure(std::string_view text, const FunctionContext& ctx) {
  Signature sig = ParseSignature(text);
  std::vector<uint32_t> args;
  for (const std::string& a : sig.args) args.push_back(TypeOid(a, ctx));
  std::string name = BuiltinName(sig.name);
  for (const RoutineEntry& r : BuiltinRoutines()) {
    if (r.name == name && r.arg_types == args) return r.oid;
  }
  throw Error(sqlstate::kUndefinedFunction, "function \"" + std::string(TrimSpaces(text)) + "\" does not exist");
}

int64_t FindOperator(std::string_view text, const FunctionContext& ctx) {
  Signature sig = ParseSignature(text);
  if (sig.args.size() != 2) {
    throw Error(sqlstate::kInvalidTextRepresentation, "expected two type names")
        .WithHint("Use NONE to denote the missing argument of a unary operator.");
  }
  uint32_t left = IsNone(sig.args[0]) ? 0 : TypeOid(sig.args[0], ctx);
  if (IsNone(sig.args[1])) {
    throw Error(sqlstate::kUndefinedFunction, "missing argument").WithHint("Use NONE to denote the missing argument of a unary operator.");
  }
  uint32_t right = TypeOid(sig.args[1], ctx);
  std::string name = BuiltinName(sig.name);
  for (const OperatorEntry& o : BuiltinOperators()) {
    if (o.name == name && o.left == left && o.right == right) return o.oid;
  }
  throw Error(sqlstate::kUndefinedFunction, "operator does not exist: " + std::string(TrimSpaces(text)));
}

int64_t FindOperatorByName(std::string_view text) {
  std::string name = BuiltinName(text);
  const OperatorEntry* found = nullptr;
  for (const OperatorEntry& o : BuiltinOperators()) {
    if (o.name != name) continue;
    if (found) throw Error(sqlstate::kAmbiguousFunction, "more than one operator named " + std::string(TrimSpaces(text)));
    found = &o;
  }
  if (!found) throw Error(sqlstate::kUndefinedFunction, "operator does not exist: " + std::string(TrimSpaces(text)));
  return found->oid;
}

}  // namespace

std::string RegSignatureToText(TypeId type, int64_t oid, const FunctionContext& ctx) {
  std::string number = std::to_string(oid);
  switch (type) {
    case TypeId::kRegprocedure: {
      const RoutineEntry* r = FindBuiltinRoutine(static_cast<uint32_t>(oid));
      if (!r) return number;
      std::string out = QuoteIdent(r->name) + "(";
      for (size_t i = 0; i < r->arg_types.size(); i++) out += (i ? "," : "") + TypeText(r->arg_types[i], ctx);
      return out + ")";
    }
    case TypeId::kRegoperator: {
      const OperatorEntry* o = FindBuiltinOperator(static_cast<uint32_t>(oid));
      if (!o) return number;
      return o->name + "(" + (o->left ? TypeText(o->left, ctx) : "NONE") + "," + TypeText(o->right, ctx) + ")";
    }
    case TypeId::kRegoper: {
      const OperatorEntry* o = FindBuiltinOperator(static_cast<uint32_t>(oid));
      if (!o) return number;
      // Qualified when the name alone does not find this one operator, as PostgreSQL's regoperout.
      size_t same_name = 0;
      for (const OperatorEntry& other : BuiltinOperators()) same_name += other.name == o->name;
      return same_name == 1 ? o->name : "pg_catalog." + o->name;
    }
    case TypeId::kRegrole: {
      const RoleEntry* role = ctx.catalog ? ctx.catalog->GetRole(static_cast<uint32_t>(oid)) : nullptr;
      return role ? QuoteIdent(role->name) : number;
    }
    default:
      return number;
  }
}

int64_t RegSignatureFromText(TypeId type, std::string_view text, const FunctionContext& ctx) {
  switch (type) {
    case TypeId::kRegprocedure: return FindProcedure(text, ctx);
    case TypeId::kRegoperator: return FindOperator(text, ctx);
    case TypeId::kRegoper: return FindOperatorByName(text);
    case TypeId::kRegrole: {
      std::string name = BuiltinName(text);
      const RoleEntry* role = ctx.catalog && !name.empty() ? ctx.catalog->FindRole(name) : nullptr;
      if (!role) throw Error(sqlstate::kUndefinedObject, "role \"" + (name.empty() ? std::string(text) : name) + "\" does not exist");
      return role->id;
    }
    default:
      throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type oid: \"" + std::string(text) + "\"");
  }
}

}  // namespace kanto
