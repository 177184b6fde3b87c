#include "planner/type_resolution.hpp"

#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "types/record.hpp"

namespace kanto {

char TypeCategory(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kBool: return 'B';
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric: return 'N';
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName: return 'S';
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz: return 'D';
    case TypeId::kInterval: return 'T';
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kUuid: return 'U';
    case TypeId::kRecord: return 'C';
    case TypeId::kCharByte:
    case TypeId::kPgNodeTree: return 'Z';  // internal-use, as PostgreSQL's
    case TypeId::kXid:
    case TypeId::kAclItem: return 'U';
    case TypeId::kOidVector: return 'A';
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole: return 'N';
    case TypeId::kEnum: return 'E';
    case TypeId::kUnknown: return 'X';
    case TypeId::kArray:
    case TypeId::kInt2Vector: return 'A';
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc: return 'N';
  }
  return 'U';
}

bool IsPreferredType(const LogicalType& t) {
  return t.id == TypeId::kFloat8 || t.id == TypeId::kText || t.id == TypeId::kTimestampTz ||
         t.id == TypeId::kInterval || t.id == TypeId::kBool;
}

std::string TypeListString(const std::vector<LogicalType>& types) {
  std::string out;
  for (size_t i = 0; i < types.size(); i++) {
    if (i) out += ", ";
    out += types[i].id == TypeId::kUnknown ? "unknown" : types[i].ToString();
  }
  return out;
}

namespace {
// Rank inside the numeric and datetime categories: the common type is the highest rank.
int Rank(TypeId id) {
  if (int n = LogicalType(id).NumericRank()) return n;
  switch (id) {
    case TypeId::kChar: return 1;
    case TypeId::kVarchar: return 2;
    case TypeId::kText: return 3;
    case TypeId::kDate: return 1;
    case TypeId::kTimestamp: return 2;
    case TypeId::kTimestampTz: return 3;
    case TypeId::kTime: return 1;    // time -> timetz is implicit (time and date share no cast)
    case TypeId::kTimeTz: return 2;
    case TypeId::kOid: return 10;  // integers convert to oid implicitly, not back
    default: return 0;
  }
}

// Same type, ignoring modifiers; a declared anyarray matches every array type.
bool SameTypeId(const LogicalType& a, const LogicalType& b) {
  return a.id == b.id && (a.id != TypeId::kArray || a.elem == b.elem || b.elem == TypeId::kUnknown);
}
}  // namespace

LogicalType CommonType(const std::vector<LogicalType>& types, const char* context);

namespace {
// Records: one type when all are the same; else, with the same number of fields, an anonymous
// record of each position's common type (each value is then cast field by field).
LogicalType CommonRecordType(const std::vector<LogicalType>& types, const char* context) {
  const LogicalType* first = nullptr;
  bool all_same = true;
  for (const auto& t : types) {
    if (t.id == TypeId::kUnknown) continue;
    if (t.id != TypeId::kRecord || !IsKnownRecord(t)) {
      throw Error(sqlstate::kDatatypeMismatch, std::string(context) + " types " + (first ? first->ToString() : "record") +
                                                   " and " + t.ToString() + " cannot be matched");
    }
    if (!first) first = &t;
    else if (t != *first) all_same = false;
  }
  if (all_same) return *first;
  size_t n = RecordTypeOf(*first).fields.size();
  std::vector<LogicalType> fields;
  for (size_t i = 0; i < n; i++) {
    std::vector<LogicalType> column;
    for (const auto& t : types) {
      if (t.id == TypeId::kUnknown) continue;
      const RecordType& r = RecordTypeOf(t);
      if (r.fields.size() != n) {
        throw Error(sqlstate::kDatatypeMismatch, std::string(context) + " types " + first->ToString() + " and " +
                                                     t.ToString() + " cannot be matched");
      }
      column.push_back(r.fields[i].type);
    }
    LogicalType c = CommonType(column, context);
    fields.push_back(c.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : c);
  }
  return AnonymousRecordType(fields);
}
}  // namespace

LogicalType CommonType(const std::vector<LogicalType>& types, const char* context) {
  const LogicalType* first = nullptr;
  for (const auto& t : types) {
    if (t.id != TypeId::kUnknown) { first = &t; break; }
  }
  if (!first) return LogicalType(TypeId::kText);
  if (first->id == TypeId::kArray) {  // arrays: the common type of the elements
    std::vector<LogicalType> elems;
    for (const auto& t : types) {
      if (t.id == TypeId::kUnknown) continue;
      if (t.id != TypeId::kArray) {
        throw Error(sqlstate::kDatatypeMismatch, std::string(context) + " types " + first->ToString() + " and " +
                                                     t.ToString() + " cannot be matched");
      }
      elems.push_back(t.ElementType());
    }
    return LogicalType::ArrayOf(CommonType(elems, context));
  }
  if (first->id == TypeId::kRecord) return CommonRecordType(types, context);
  if (first->id == TypeId::kEnum) {  // one enum type, none other
    for (const auto& t : types) {
      if (t.id != TypeId::kUnknown && !CanCast(t, *first, CastContext::kImplicit)) {
        throw Error(sqlstate::kDatatypeMismatch, std::string(context) + " types " + first->ToString() + " and " +
                                                     t.ToString() + " cannot be matched");
      }
    }
    return *first;
  }
  LogicalType result = *first;
  bool all_same = true;
  for (const auto& t : types) {
    if (t.id == TypeId::kUnknown) continue;
    if (t != result) all_same = false;
    if (TypeCategory(t) != TypeCategory(result)) {
      throw Error(sqlstate::kDatatypeMismatch, std::string(context) + " types " + result.ToString() + " and " +
                                                   t.ToString() + " cannot be matched");
    }
    // name stays once chosen and takes over from the other string types but a text before it
    // (both convert to text implicitly and back, varchar and char only to it), as in PostgreSQL.
    if (result.id == TypeId::kName) continue;
    if (t.id == TypeId::kName) {
      if (result.id != TypeId::kText) result = t;
      continue;
    }
    if (Rank(t.id) > Rank(result.id)) result = t;
  }
  if (all_same) return result;
  // Mixed modifiers (varchar(3) vs varchar(5)) or mixed types: drop the modifiers.
  return LogicalType(result.id == TypeId::kChar && !all_same ? TypeId::kText : result.id);
}

namespace {

bool IsAnyArray(const LogicalType& t) { return t.id == TypeId::kArray && t.elem == TypeId::kUnknown; }

bool Castable(const LogicalType& from, const LogicalType& to) {
  // (int2vector and oidvector are arrays of their elements wherever an array is expected)
  if (IsAnyArray(to)) {
    return from.id == TypeId::kArray || from.id == TypeId::kUnknown || VectorElementType(from.id) != TypeId::kUnknown;
  }
  if (to.id == TypeId::kUnknown) return !(to.mod1 == kAnyNonArray && from.id == TypeId::kArray);  // polymorphic "any"
  if (from.id == TypeId::kUnknown) return true;
  if (from.id == to.id) return true;
  return CanCast(from, to, CastContext::kImplicit);
}

struct Candidate {
  const std::vector<LogicalType>* declared;
  bool variadic;
  size_t index;
};

LogicalType DeclaredAt(const Candidate& c, size_t i) {
  const auto& d = *c.declared;
  if (i < d.size()) return d[i];
  return d.back();  // variadic
}

// Core of func_select_candidate over declared argument lists.
int SelectCandidate(const std::vector<Candidate>& all, const std::vector<LogicalType>& args) {
  std::vector<Candidate> cands;
  for (const auto& c : all) {
    size_t n = c.declared->size();
    if (c.variadic ? args.size() + 1 < n : args.size() != n) continue;
    bool ok = true;
    for (size_t i = 0; i < args.size() && ok; i++) ok = Castable(args[i], DeclaredAt(c, i));
    if (ok) cands.push_back(c);
  }
  if (cands.empty()) return -1;
  if (cands.size() == 1) return static_cast<int>(cands[0].index);

  // Unknown arguments take the type of the known ones when all known ones agree (binary operator rule).
  std::vector<LogicalType> assumed = args;
  const LogicalType* known = nullptr;
  bool known_agree = true;
  for (const auto& a : args) {
    if (a.id == TypeId::kUnknown) continue;
    if (!known) known = &a;
    else if (a.id != known->id) known_agree = false;
  }
  if (known && known_agree) {
    for (auto& a : assumed) {
      if (a.id == TypeId::kUnknown) a = *known;
    }
    for (const auto& c : cands) {
      bool exact = true;
      for (size_t i = 0; i < assumed.size() && exact; i++) exact = SameTypeId(assumed[i], DeclaredAt(c, i));
      if (exact) return static_cast<int>(c.index);
    }
  }

  // At each unknown position: does some candidate take a string there? Then the string category
  // wins there (PostgreSQL's rule), else the category of the known arguments.
  // (Among the candidates left when the unknowns are scored.)
  std::vector<bool> string_taken(args.size(), false);
  // Most exact matches on the known arguments.
  auto score = [&](const Candidate& c, int mode) {
    int s = 0;
    for (size_t i = 0; i < args.size(); i++) {
      LogicalType d = DeclaredAt(c, i);
      if (mode == 0) {
        if (args[i].id != TypeId::kUnknown && SameTypeId(args[i], d)) s++;
      } else if (mode == 1) {
        if (args[i].id != TypeId::kUnknown && !SameTypeId(args[i], d) && IsPreferredType(d)) s++;
      } else {
        // unknowns: prefer string where a candidate takes one, else the category of the known args
        if (args[i].id == TypeId::kUnknown) {
          bool by_known = known && !string_taken[i];
          if (by_known && TypeCategory(d) == TypeCategory(*known)) s += 2;
          if (by_known && SameTypeId(d, *known)) s += 1;
          if (!by_known && TypeCategory(d) == 'S') s += 2;
          if (!by_known && d.id == TypeId::kText) s += 1;
        }
      }
    }
    return s;
  };
  for (int mode = 0; mode < 3 && cands.size() > 1; mode++) {
    for (size_t i = 0; mode == 2 && i < args.size(); i++) {
      for (const auto& c : cands) string_taken[i] = string_taken[i] || TypeCategory(DeclaredAt(c, i)) == 'S';
    }
    int best = -1;
    std::vector<Candidate> keep;
    for (const auto& c : cands) {
      int s = score(c, mode);
      if (s > best) { best = s; keep.clear(); }
      if (s == best) keep.push_back(c);
    }
    cands = std::move(keep);
  }
  // Still tied: prefer the smallest numeric widening (rank distance).
  if (cands.size() > 1) {
    int best = 1 << 30;
    const Candidate* pick = &cands[0];
    for (const auto& c : cands) {
      int cost = 0;
      for (size_t i = 0; i < args.size(); i++) {
        LogicalType d = DeclaredAt(c, i);
        if (args[i].id != TypeId::kUnknown && TypeCategory(args[i]) == TypeCategory(d)) {
          cost += Rank(d.id) - Rank(args[i].id);
        }
      }
      if (cost < best) { best = cost; pick = &c; }
    }
    return static_cast<int>(pick->index);
  }
  return static_cast<int>(cands[0].index);
}

// "any" positions keep the argument's own type (untyped literals become text); others take the
// declared type, keeping the argument's modifiers when the type is the same (numeric(10,2)).
std::vector<LogicalType> ConcreteArgs(const std::vector<LogicalType>& declared, bool variadic,
                                      const std::vector<LogicalType>& args) {
  std::vector<LogicalType> out;
  bool polymorphic_array = false;
  for (const auto& d : declared) polymorphic_array = polymorphic_array || IsAnyArray(d);
  if (polymorphic_array) {
    // anyarray and anyelement positions share one element type (PostgreSQL's anycompatible rules).
    std::vector<LogicalType> elems;
    for (size_t i = 0; i < args.size(); i++) {
      LogicalType d = i < declared.size() ? declared[i] : declared.back();
      if (IsAnyArray(d) && args[i].id == TypeId::kArray) elems.push_back(args[i].ElementType());
      if (IsAnyArray(d) && VectorElementType(args[i].id) != TypeId::kUnknown) {
        elems.push_back(LogicalType(VectorElementType(args[i].id)));
      }
      if (d.id == TypeId::kUnknown && args[i].id != TypeId::kUnknown) elems.push_back(args[i]);
    }
    LogicalType elem = CommonType(elems, "polymorphic argument");
    for (size_t i = 0; i < args.size(); i++) {
      LogicalType d = i < declared.size() ? declared[i] : declared.back();
      out.push_back(IsAnyArray(d) ? LogicalType::ArrayOf(elem) : d.id == TypeId::kUnknown ? elem
                    : args[i].id == d.id && d.mod1 < 0 ? args[i] : d);
    }
    return out;
  }
  // anyenum positions share one enum type: the first known argument's; unknowns take it.
  const LogicalType* any_enum = nullptr;
  for (size_t i = 0; i < args.size(); i++) {
    LogicalType d = i < declared.size() ? declared[i] : declared.back();
    if (d.id != TypeId::kEnum || d.mod1 >= 0 || args[i].id == TypeId::kUnknown) continue;
    if (!any_enum) any_enum = &args[i];
    else if (!CanCast(args[i], *any_enum, CastContext::kImplicit)) {
      throw Error(sqlstate::kUndefinedFunction, "arguments of different enum types");
    }
  }
  for (size_t i = 0; i < args.size(); i++) {
    LogicalType d = i < declared.size() ? declared[i] : declared.back();
    if (d.id == TypeId::kEnum && d.mod1 < 0) {
      if (!any_enum) throw Error(sqlstate::kUndefinedFunction, "no enum argument");  // all unknown
      out.push_back(*any_enum);
    } else if (d.id == TypeId::kUnknown) {
      out.push_back(args[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : args[i]);
    } else if (args[i].id == d.id && d.mod1 < 0) {
      out.push_back(args[i]);
    } else {
      out.push_back(d);
    }
  }
  (void)variadic;
  return out;
}

}  // namespace

bool ResolveScalar(const std::vector<ScalarFunction>& candidates, const std::vector<LogicalType>& arg_types,
                   ResolvedFunction* out) {
  std::vector<Candidate> cands;
  for (size_t i = 0; i < candidates.size(); i++) {
    cands.push_back({&candidates[i].arg_types, candidates[i].variadic, i});
  }
  int idx = SelectCandidate(cands, arg_types);
  if (idx < 0) return false;
  const ScalarFunction& fn = candidates[idx];
  out->function = &fn;
  try {
    out->arg_types = ConcreteArgs(fn.arg_types, fn.variadic, arg_types);
  } catch (const Error&) {
    return false;  // polymorphic arguments without a common element type: no such function
  }
  out->return_type = fn.return_type_fn ? fn.return_type_fn(out->arg_types) : fn.return_type;
  return true;
}

bool ResolveAggregate(const std::vector<AggregateFunction>& candidates, const std::vector<LogicalType>& arg_types,
                      ResolvedAggregate* out) {
  std::vector<Candidate> cands;
  for (size_t i = 0; i < candidates.size(); i++) cands.push_back({&candidates[i].arg_types, false, i});
  int idx = SelectCandidate(cands, arg_types);
  if (idx < 0) return false;
  const AggregateFunction& fn = candidates[idx];
  out->function = &fn;
  out->arg_types = ConcreteArgs(fn.arg_types, false, arg_types);
  out->return_type = fn.return_type_fn ? fn.return_type_fn(out->arg_types) : fn.return_type;
  return true;
}

}  // namespace kanto
