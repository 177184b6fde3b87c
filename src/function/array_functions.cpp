// Array functions and operators: the ARRAY[...] constructor, subscripts and slices, op ANY/ALL
// (array), array_length/cardinality/array_upper/array_lower/array_ndims/array_dims,
// array_to_string/string_to_array, array_append/prepend/cat and ||, array_position(s),
// array_remove/replace, and the containment operators @> <@ &&. One-dimensional arrays, lower
// bound 1, as PostgreSQL builds them.
#include "function/cast.hpp"
#include "function/comparison_ops.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

const LogicalType kAnyArray = LogicalType::ArrayOf(LogicalType(TypeId::kUnknown));
const LogicalType kAny = LogicalType(TypeId::kUnknown);

std::vector<Value> Elements(const Value& array) { return DecodeArray(array.str_value(), array.type().ElementType()); }

LogicalType SameAsFirst(const std::vector<LogicalType>& a) { return a[0]; }
LogicalType ElementOfFirst(const std::vector<LogicalType>& a) { return a[0].ElementType(); }
LogicalType ArrayOfFirst(const std::vector<LogicalType>& a) { return LogicalType::ArrayOf(a[0]); }

void Add(FunctionRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret, ReturnTypeFn ret_fn,
         RowFn fn, bool strict = true) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.return_type_fn = std::move(ret_fn);
  f.kernel = RowKernel(std::move(fn), strict);
  f.strict = strict;
  r.Add(std::move(f));
}

// Equality as IS NOT DISTINCT FROM (array_position, array_remove and containment treat NULLs alike
// only where PostgreSQL does; see callers).
bool NotDistinct(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return CompareValues(a, b) == 0;
}

bool Contains(const std::vector<Value>& hay, const std::vector<Value>& needles) {
  for (const Value& n : needles) {
    bool found = false;
    for (const Value& h : hay) {
      if (!n.is_null() && !h.is_null() && CompareValues(h, n) == 0) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// Comparisons of whole arrays, and x op ANY/ALL (array).
void RegisterQuantified(FunctionRegistry& r) {
  for (const ComparisonOp& op : kComparisonOps) {
    auto cmp = op.pred;
    Add(r, op.name, {kAnyArray, kAnyArray}, LogicalType(TypeId::kBool), nullptr,
        [cmp](const std::vector<Value>& a, FunctionContext&) { return Value::Bool(cmp(CompareValues(a[0], a[1]))); });
    for (bool all : {false, true}) {
      auto pred = op.pred;
      // x op ANY (a): true if some element satisfies, NULL if none does but a comparison was NULL.
      Add(r, (std::string(op.name) + (all ? " ALL" : " ANY")).c_str(), {kAny, kAnyArray}, LogicalType(TypeId::kBool),
          nullptr,
          [pred, all](const std::vector<Value>& a, FunctionContext&) -> Value {
            if (a[1].is_null()) return Value::Null(LogicalType(TypeId::kBool));
            bool saw_null = false;
            for (const Value& e : Elements(a[1])) {
              if (a[0].is_null() || e.is_null()) {
                saw_null = true;
                continue;
              }
              bool ok = pred(CompareValues(a[0], e));
              if (ok != all) return Value::Bool(!all);
            }
            if (saw_null) return Value::Null(LogicalType(TypeId::kBool));
            return Value::Bool(all);
          },
          /*strict=*/false);
    }
  }
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& r) {
  LogicalType int4(TypeId::kInt4), text(TypeId::kText), boolean(TypeId::kBool);
  // pg_options_to_table(options) as unnest($option_names(options), $option_values(options)): each
  // "name=value" element split at its first '=' (no '=': the value is NULL).
  LogicalType texts = LogicalType::ArrayOf(text);
  for (bool names : {true, false}) {
    AddRowFunction(r, names ? "$option_names" : "$option_values", {texts}, texts,
                   [names, text, texts](const std::vector<Value>& a, FunctionContext&) {
                     std::vector<Value> out;
                     for (const Value& e : DecodeArray(a[0].str_value(), text)) {
                       if (e.is_null()) {
                         out.push_back(Value::Null(text));
                         continue;
                       }
                       const std::string& s = e.str_value();
                       size_t eq = s.find('=');
                       if (names) out.push_back(Value::Text(s.substr(0, eq)));
                       else out.push_back(eq == std::string::npos ? Value::Null(text) : Value::Text(s.substr(eq + 1)));
                     }
                     return MakeArrayValue(texts, out);
                   });
  }
  {
    // ARRAY[a, b, ...]: the binder has coerced the elements to one type.
    ScalarFunction f;
    f.name = "$array";
    f.arg_types = {kAny};
    f.variadic = true;
    f.strict = false;
    f.return_type_fn = ArrayOfFirst;
    f.kernel = RowKernel([](const std::vector<Value>& a, FunctionContext&) { return MakeArrayValue(LogicalType::ArrayOf(a[0].type()), a); },
                         false);
    r.Add(std::move(f));
  }
  Add(r, "$subscript", {kAnyArray, int4}, kAny, ElementOfFirst, [](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> e = Elements(a[0]);
    int64_t i = a[1].int_value();
    if (i < 1 || i > static_cast<int64_t>(e.size())) return Value::Null(a[0].type().ElementType());
    return e[i - 1];
  });
  // a[lo:hi]; the binder passes 1 and INT_MAX for omitted bounds.
  Add(r, "$slice", {kAnyArray, int4, int4}, kAnyArray, SameAsFirst, [](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> e = Elements(a[0]), out;
    int64_t lo = std::max<int64_t>(a[1].int_value(), 1), hi = std::min<int64_t>(a[2].int_value(), e.size());
    for (int64_t i = lo; i <= hi; i++) out.push_back(e[i - 1]);
    return MakeArrayValue(a[0].type(), out);
  });
  RegisterQuantified(r);

  auto dim_fn = [](bool upper) {
    return [upper](const std::vector<Value>& a, FunctionContext&) {
      size_t n = ArrayLength(a[0].str_value());
      if (n == 0 || a[1].int_value() != 1) return Value::Null(LogicalType(TypeId::kInt4));
      return Value::Int4(upper ? static_cast<int64_t>(n) : 1);
    };
  };
  Add(r, "array_length", {kAnyArray, int4}, int4, nullptr, dim_fn(true));
  Add(r, "array_upper", {kAnyArray, int4}, int4, nullptr, dim_fn(true));
  Add(r, "array_lower", {kAnyArray, int4}, int4, nullptr, dim_fn(false));
  // The subscripts 1..n of an array (information_schema._pg_expandarray's n column).
  Add(r, "$subscripts", {kAnyArray}, LogicalType::ArrayOf(int4), nullptr, [int4](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> out;
    size_t n = ArrayLength(a[0].str_value());
    for (size_t i = 1; i <= n; i++) out.push_back(Value::Int4(static_cast<int64_t>(i)));
    return MakeArrayValue(LogicalType::ArrayOf(int4), out);
  });
  Add(r, "cardinality", {kAnyArray}, int4, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Int4(static_cast<int64_t>(ArrayLength(a[0].str_value())));
  });
  Add(r, "array_ndims", {kAnyArray}, int4, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    return ArrayLength(a[0].str_value()) ? Value::Int4(1) : Value::Null(LogicalType(TypeId::kInt4));
  });
  Add(r, "array_dims", {kAnyArray}, text, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    size_t n = ArrayLength(a[0].str_value());
    return n ? Value::Text("[1:" + std::to_string(n) + "]") : Value::Null(LogicalType(TypeId::kText));
  });

  auto to_string = [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (a[0].is_null() || a[1].is_null()) return Value::Null(LogicalType(TypeId::kText));
    bool has_null_text = a.size() > 2 && !a[2].is_null();
    std::string out;
    bool first = true;
    for (const Value& e : Elements(a[0])) {
      if (e.is_null() && !has_null_text) continue;
      if (!first) out += a[1].str_value();
      first = false;
      out += e.is_null() ? a[2].str_value() : ValueToText(e, ctx);
    }
    return Value::Text(out);
  };
  Add(r, "array_to_string", {kAnyArray, text}, text, nullptr, to_string);
  Add(r, "array_to_string", {kAnyArray, text, text}, text, nullptr, to_string, /*strict=*/false);

  auto split = [](const std::vector<Value>& a, FunctionContext&) {
    LogicalType result = LogicalType::ArrayOf(LogicalType(TypeId::kText));
    if (a[0].is_null()) return Value::Null(result);
    const std::string& s = a[0].str_value();
    std::vector<Value> parts;
    if (a[1].is_null()) {  // NULL delimiter: one element per character
      for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) len++;
        parts.push_back(Value::Text(s.substr(i, len)));
        i += len;
      }
    } else if (!s.empty()) {
      const std::string& d = a[1].str_value();
      if (d.empty()) {
        parts.push_back(Value::Text(s));
      } else {
        size_t start = 0;
        while (true) {
          size_t pos = s.find(d, start);
          parts.push_back(Value::Text(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start)));
          if (pos == std::string::npos) break;
          start = pos + d.size();
        }
      }
    }
    if (a.size() > 2 && !a[2].is_null()) {
      for (auto& p : parts) {
        if (p.str_value() == a[2].str_value()) p = Value::Null(LogicalType(TypeId::kText));
      }
    }
    return MakeArrayValue(result, parts);
  };
  LogicalType text_array = LogicalType::ArrayOf(text);
  Add(r, "string_to_array", {text, text}, text_array, nullptr, split, /*strict=*/false);
  Add(r, "string_to_array", {text, text, text}, text_array, nullptr, split, /*strict=*/false);

  // NULL arrays act as empty ones in append/prepend/cat, as in PostgreSQL.
  auto append = [](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> e = a[0].is_null() ? std::vector<Value>{} : Elements(a[0]);
    e.push_back(a[1]);
    return MakeArrayValue(a[0].type(), e);
  };
  auto prepend = [](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> e = a[1].is_null() ? std::vector<Value>{} : Elements(a[1]);
    e.insert(e.begin(), a[0]);
    return MakeArrayValue(a[1].type(), e);
  };
  auto cat = [](const std::vector<Value>& a, FunctionContext&) {
    if (a[0].is_null() && a[1].is_null()) return Value::Null(a[0].type());
    std::vector<Value> e = a[0].is_null() ? std::vector<Value>{} : Elements(a[0]);
    if (!a[1].is_null()) {
      for (Value& v : Elements(a[1])) e.push_back(std::move(v));
    }
    return MakeArrayValue(a[0].type(), e);
  };
  auto second = [](const std::vector<LogicalType>& a) { return a[1]; };
  Add(r, "array_append", {kAnyArray, kAny}, kAnyArray, SameAsFirst, append, false);
  Add(r, "array_prepend", {kAny, kAnyArray}, kAnyArray, second, prepend, false);
  Add(r, "array_cat", {kAnyArray, kAnyArray}, kAnyArray, SameAsFirst, cat, false);
  Add(r, "||", {kAnyArray, kAnyArray}, kAnyArray, SameAsFirst, cat, false);
  Add(r, "||", {kAnyArray, kAny}, kAnyArray, SameAsFirst, append, false);
  Add(r, "||", {kAny, kAnyArray}, kAnyArray, second, prepend, false);

  auto position = [](const std::vector<Value>& a, FunctionContext&) {
    if (a[0].is_null()) return Value::Null(LogicalType(TypeId::kInt4));
    std::vector<Value> e = Elements(a[0]);
    size_t start = a.size() > 2 ? static_cast<size_t>(std::max<int64_t>(a[2].int_value(), 1)) : 1;
    for (size_t i = start; i <= e.size(); i++) {
      if (NotDistinct(e[i - 1], a[1])) return Value::Int4(static_cast<int64_t>(i));
    }
    return Value::Null(LogicalType(TypeId::kInt4));
  };
  Add(r, "array_position", {kAnyArray, kAny}, int4, nullptr, position, false);
  Add(r, "array_position", {kAnyArray, kAny, int4}, int4, nullptr, position, false);
  Add(r, "array_positions", {kAnyArray, kAny}, LogicalType::ArrayOf(int4), nullptr,
      [](const std::vector<Value>& a, FunctionContext&) {
        LogicalType t = LogicalType::ArrayOf(LogicalType(TypeId::kInt4));
        if (a[0].is_null()) return Value::Null(t);
        std::vector<Value> e = Elements(a[0]), out;
        for (size_t i = 0; i < e.size(); i++) {
          if (NotDistinct(e[i], a[1])) out.push_back(Value::Int4(static_cast<int64_t>(i + 1)));
        }
        return MakeArrayValue(t, out);
      },
      false);
  Add(r, "array_remove", {kAnyArray, kAny}, kAnyArray, SameAsFirst,
      [](const std::vector<Value>& a, FunctionContext&) {
        if (a[0].is_null()) return Value::Null(a[0].type());
        std::vector<Value> out;
        for (Value& e : Elements(a[0])) {
          if (!NotDistinct(e, a[1])) out.push_back(std::move(e));
        }
        return MakeArrayValue(a[0].type(), out);
      },
      false);
  Add(r, "array_replace", {kAnyArray, kAny, kAny}, kAnyArray, SameAsFirst,
      [](const std::vector<Value>& a, FunctionContext&) {
        if (a[0].is_null()) return Value::Null(a[0].type());
        std::vector<Value> out;
        for (Value& e : Elements(a[0])) out.push_back(NotDistinct(e, a[1]) ? a[2] : std::move(e));
        return MakeArrayValue(a[0].type(), out);
      },
      false);
  Add(r, "@>", {kAnyArray, kAnyArray}, boolean, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(Contains(Elements(a[0]), Elements(a[1])));
  });
  Add(r, "<@", {kAnyArray, kAnyArray}, boolean, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(Contains(Elements(a[1]), Elements(a[0])));
  });
  Add(r, "&&", {kAnyArray, kAnyArray}, boolean, nullptr, [](const std::vector<Value>& a, FunctionContext&) {
    std::vector<Value> x = Elements(a[0]), y = Elements(a[1]);
    for (const Value& v : x) {
      if (!v.is_null() && Contains(y, {v})) return Value::Bool(true);
    }
    return Value::Bool(false);
  });
}

}  // namespace kanto
