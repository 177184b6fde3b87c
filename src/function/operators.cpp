// Operators: arithmetic, comparison, string concatenation and date/time arithmetic (LIKE,
// SIMILAR TO and regular expressions are in function/regex/). Integer operators check overflow as PostgreSQL does (22003).
#include <cmath>

#include "function/cast.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

const char* IntName(TypeId id) { return id == TypeId::kInt2 ? "smallint" : id == TypeId::kInt4 ? "integer" : "bigint"; }

int64_t Fit(__int128 v, TypeId id) {
  int64_t lo = id == TypeId::kInt2 ? INT16_MIN : id == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
  int64_t hi = id == TypeId::kInt2 ? INT16_MAX : id == TypeId::kInt4 ? INT32_MAX : INT64_MAX;
  if (v < lo || v > hi) throw Error(sqlstate::kNumericValueOutOfRange, std::string(IntName(id)) + " out of range");
  return static_cast<int64_t>(v);
}

template <typename F>
ScalarKernel IntBinary(TypeId result, F f) {
  return [result, f](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    const auto& x = a[0]->ints();
    const auto& y = a[1]->ints();
    auto& r = out.ints();
    for (size_t i = 0; i < n; i++) {
      if (out.IsNull(i)) continue;
      r[i] = Fit(f(static_cast<__int128>(x[i]), static_cast<__int128>(y[i])), result);
    }
  };
}

template <typename F>
ScalarKernel FloatBinary(bool is_float4, F f) {
  return [is_float4, f](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    const auto& x = a[0]->doubles();
    const auto& y = a[1]->doubles();
    auto& r = out.doubles();
    for (size_t i = 0; i < n; i++) {
      if (out.IsNull(i)) continue;
      double v = f(x[i], y[i]);
      if (std::isinf(v) && !std::isinf(x[i]) && !std::isinf(y[i])) {
        throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
      }
      if (is_float4) {
        float fv = static_cast<float>(v);
        if (std::isinf(fv) && !std::isinf(v)) throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
        v = fv;
      }
      r[i] = v;
    }
  };
}

void AddFn(FunctionRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret, ScalarKernel k) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.kernel = std::move(k);
  r.Add(std::move(f));
}

[[noreturn]] void DivZero() { throw Error(sqlstate::kDivisionByZero, "division by zero"); }

// PostgreSQL's bitwise operators of one integer type: & | # (xor) ~ (not), and << >> by an
// integer count (the result wraps to the type's width, as there).
void RegisterIntegerBitwise(FunctionRegistry& r, TypeId t) {
  int bits = t == TypeId::kInt2 ? 16 : t == TypeId::kInt4 ? 32 : 64;
  auto wrap = [bits](int64_t v) {
    return bits == 64 ? v : bits == 32 ? static_cast<int64_t>(static_cast<int32_t>(v)) : static_cast<int64_t>(static_cast<int16_t>(v));
  };
  auto binary = [&](const char* name, LogicalType count, int64_t (*f)(int64_t, int64_t, int)) {
    AddFn(r, name, {T(t), count}, T(t), [f, bits, wrap](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) {
        if (!out.IsNull(i)) out.ints()[i] = wrap(f(a[0]->ints()[i], a[1]->ints()[i], bits));
      }
    });
  };
  binary("&", T(t), [](int64_t x, int64_t y, int) { return x & y; });
  binary("|", T(t), [](int64_t x, int64_t y, int) { return x | y; });
  binary("#", T(t), [](int64_t x, int64_t y, int) { return x ^ y; });
  // The count is taken modulo the width, as the x86 shift instructions PostgreSQL compiles to do.
  binary("<<", T(TypeId::kInt4), [](int64_t x, int64_t y, int width) {
    int shift = static_cast<int>(y & (width == 64 ? 63 : 31));
    return static_cast<int64_t>(static_cast<uint64_t>(x) << shift);
  });
  binary(">>", T(TypeId::kInt4), [](int64_t x, int64_t y, int width) {
    int shift = static_cast<int>(y & (width == 64 ? 63 : 31));
    return x >> shift;
  });
  AddFn(r, "~", {T(t)}, T(t), [](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    for (size_t i = 0; i < n; i++) out.ints()[i] = ~a[0]->ints()[i];
  });
}

void RegisterIntegerArithmetic(FunctionRegistry& r) {
  const TypeId ints[] = {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8};
  for (TypeId a : ints) {
    for (TypeId b : ints) {
      TypeId res = std::max(a, b);  // int2 < int4 < int8 in the enum
      std::vector<LogicalType> args = {T(a), T(b)};
      AddFn(r, "+", args, T(res), IntBinary(res, [](__int128 x, __int128 y) { return x + y; }));
      AddFn(r, "-", args, T(res), IntBinary(res, [](__int128 x, __int128 y) { return x - y; }));
      AddFn(r, "*", args, T(res), IntBinary(res, [](__int128 x, __int128 y) { return x * y; }));
      AddFn(r, "/", args, T(res), IntBinary(res, [](__int128 x, __int128 y) -> __int128 {
              if (y == 0) DivZero();
              return x / y;
            }));
      AddFn(r, "%", args, T(res), IntBinary(res, [](__int128 x, __int128 y) -> __int128 {
              if (y == 0) DivZero();
              return x % y;
            }));
    }
    AddFn(r, "-", {T(a)}, T(a), [a](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) {
        if (!out.IsNull(i)) out.ints()[i] = Fit(-static_cast<__int128>(args[0]->ints()[i]), a);
      }
    });
    RegisterIntegerBitwise(r, a);
    AddFn(r, "+", {T(a)}, T(a), [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.ints()[i] = args[0]->ints()[i];
    });
    AddFn(r, "@", {T(a)}, T(a), [a](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) {
        if (!out.IsNull(i)) out.ints()[i] = Fit(args[0]->ints()[i] < 0 ? -static_cast<__int128>(args[0]->ints()[i]) : static_cast<__int128>(args[0]->ints()[i]), a);
      }
    });
  }
}

void RegisterFloatArithmetic(FunctionRegistry& r) {
  const TypeId floats[] = {TypeId::kFloat4, TypeId::kFloat8};
  for (TypeId a : floats) {
    for (TypeId b : floats) {
      TypeId res = std::max(a, b);
      bool f4 = res == TypeId::kFloat4;
      std::vector<LogicalType> args = {T(a), T(b)};
      AddFn(r, "+", args, T(res), FloatBinary(f4, [](double x, double y) { return x + y; }));
      AddFn(r, "-", args, T(res), FloatBinary(f4, [](double x, double y) { return x - y; }));
      AddFn(r, "*", args, T(res), FloatBinary(f4, [](double x, double y) { return x * y; }));
      AddFn(r, "/", args, T(res), FloatBinary(f4, [](double x, double y) {
              if (y == 0) DivZero();
              return x / y;
            }));
    }
    AddFn(r, "-", {T(a)}, T(a), [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.doubles()[i] = -args[0]->doubles()[i];
    });
    AddFn(r, "+", {T(a)}, T(a), [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.doubles()[i] = args[0]->doubles()[i];
    });
    AddFn(r, "@", {T(a)}, T(a), [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.doubles()[i] = std::fabs(args[0]->doubles()[i]);
    });
  }
  AddFn(r, "^", {T(TypeId::kFloat8), T(TypeId::kFloat8)}, T(TypeId::kFloat8),
        FloatBinary(false, [](double x, double y) {
          if (x == 0 && y < 0) throw Error("2201F", "zero raised to a negative power is undefined");
          if (x < 0 && std::floor(y) != y) {
            throw Error("2201F", "a negative number raised to a non-integer power yields a complex result");
          }
          return std::pow(x, y);
        }));
}

void RegisterNumericArithmetic(FunctionRegistry& r) {
  LogicalType num = T(TypeId::kNumeric);
  auto bin = [&](const char* name, Numeric (Numeric::*op)(const Numeric&) const) {
    AddFn(r, name, {num, num}, num, [op](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) {
        if (!out.IsNull(i)) out.numerics()[i] = (a[0]->numerics()[i].*op)(a[1]->numerics()[i]);
      }
    });
  };
  bin("+", &Numeric::Add);
  bin("-", &Numeric::Sub);
  bin("*", &Numeric::Mul);
  bin("/", &Numeric::Div);
  bin("%", &Numeric::Mod);
  bin("^", &Numeric::Power);
  AddFn(r, "-", {num}, num, [](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    for (size_t i = 0; i < n; i++) {
      if (!out.IsNull(i)) out.numerics()[i] = a[0]->numerics()[i].Neg();
    }
  });
  AddFn(r, "+", {num}, num, [](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    for (size_t i = 0; i < n; i++) out.numerics()[i] = a[0]->numerics()[i];
  });
  AddFn(r, "@", {num}, num, [](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    for (size_t i = 0; i < n; i++) {
      if (!out.IsNull(i)) out.numerics()[i] = a[0]->numerics()[i].Abs();
    }
  });
}

template <typename Pred>
ScalarKernel CompareKernel(Pred pred) {
  return [pred](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    const Vector& x = *a[0];
    const Vector& y = *a[1];
    auto& r = out.ints();
    if (x.type().physical() == PhysicalType::kInt64 && y.type().physical() == PhysicalType::kInt64) {
      for (size_t i = 0; i < n; i++) {
        int64_t p = x.ints()[i], q = y.ints()[i];
        r[i] = pred(p < q ? -1 : (p > q ? 1 : 0));
      }
      return;
    }
    for (size_t i = 0; i < n; i++) {
      if (out.IsNull(i)) continue;
      r[i] = pred(CompareVectorValues(x, i, y, i));
    }
  };
}

// char(n) compares without trailing blanks.
template <typename Pred>
ScalarKernel BpcharCompareKernel(Pred pred) {
  return [pred](const std::vector<const Vector*>& a, size_t n, Vector& out, FunctionContext&) {
    for (size_t i = 0; i < n; i++) {
      if (out.IsNull(i)) continue;
      std::string_view p = a[0]->strings()[i], q = a[1]->strings()[i];
      while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
      while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
      int c = p.compare(q);
      out.ints()[i] = pred(c < 0 ? -1 : (c > 0 ? 1 : 0));
    }
  };
}

void RegisterComparisons(FunctionRegistry& r) {
  struct Op {
    const char* name;
    int64_t (*pred)(int);
  };
  static const Op kOps[] = {
      {"=", [](int c) -> int64_t { return c == 0; }},  {"<>", [](int c) -> int64_t { return c != 0; }},
      {"<", [](int c) -> int64_t { return c < 0; }},   {"<=", [](int c) -> int64_t { return c <= 0; }},
      {">", [](int c) -> int64_t { return c > 0; }},   {">=", [](int c) -> int64_t { return c >= 0; }},
  };
  std::vector<std::pair<TypeId, TypeId>> pairs;
  const TypeId ints[] = {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8};
  for (TypeId a : ints) {
    for (TypeId b : ints) pairs.push_back({a, b});
  }
  for (TypeId t : {TypeId::kFloat4, TypeId::kFloat8, TypeId::kNumeric, TypeId::kText, TypeId::kBool, TypeId::kBytea,
                   TypeId::kDate, TypeId::kTimestamp, TypeId::kTimestampTz, TypeId::kInterval, TypeId::kOid,
                   TypeId::kCharByte, TypeId::kUuid, TypeId::kTime, TypeId::kTimeTz}) {
    pairs.push_back({t, t});
  }
  pairs.push_back({TypeId::kFloat4, TypeId::kFloat8});
  pairs.push_back({TypeId::kFloat8, TypeId::kFloat4});
  for (const auto& op : kOps) {
    for (const auto& [a, b] : pairs) {
      auto pred = op.pred;
      AddFn(r, op.name, {T(a), T(b)}, T(TypeId::kBool), CompareKernel([pred](int c) { return pred(c); }));
    }
    auto pred = op.pred;
    AddFn(r, op.name, {T(TypeId::kChar), T(TypeId::kChar)}, T(TypeId::kBool),
          BpcharCompareKernel([pred](int c) { return pred(c); }));
    // xid: only equality (transaction ids wrap around, so they have no order).
    if (std::string(op.name) == "=" || std::string(op.name) == "<>") {
      AddFn(r, op.name, {T(TypeId::kXid), T(TypeId::kXid)}, T(TypeId::kBool), CompareKernel([pred](int c) { return pred(c); }));
    }
  }
}

void RegisterStringOperators(FunctionRegistry& r) {
  LogicalType text = T(TypeId::kText);
  LogicalType any_non_array(TypeId::kUnknown, kAnyNonArray);
  // The non-text side goes through its cast to text (so a boolean reads 'true', as in PostgreSQL).
  auto as_text = [](const Value& v, FunctionContext& ctx) {
    if (v.type().IsString()) return v.str_value();
    if (v.type().id == TypeId::kBool) return std::string(v.int_value() ? "true" : "false");
    return ValueToText(v, ctx);
  };
  auto concat = [as_text](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::Text(as_text(a[0], ctx) + as_text(a[1], ctx));
  };
  AddRowFunction(r, "||", {text, text}, text, concat);
  // anynonarray || text and text || anynonarray
  {
    ScalarFunction f;
    f.name = "||";
    f.arg_types = {text, any_non_array};
    f.return_type = text;
    f.kernel = RowKernel(concat);
    r.Add(f);
    f.arg_types = {any_non_array, text};
    r.Add(f);
  }
  AddRowFunction(r, "||", {T(TypeId::kBytea), T(TypeId::kBytea)}, T(TypeId::kBytea),
                 [](const std::vector<Value>& a, FunctionContext&) { return Value::Bytea(a[0].str_value() + a[1].str_value()); });
}

void RegisterDateArithmetic(FunctionRegistry& r) {
  LogicalType date = T(TypeId::kDate), ts = T(TypeId::kTimestamp), tz = T(TypeId::kTimestampTz),
              iv = T(TypeId::kInterval), i4 = T(TypeId::kInt4), f8 = T(TypeId::kFloat8);
  auto zone = [](FunctionContext& ctx) -> const datetime::TimeZone& {
    static const datetime::TimeZone utc = datetime::TimeZone::Load("UTC");
    return ctx.time_zone ? *ctx.time_zone : utc;
  };
  auto neg = [](Interval i) {
    i.months = -i.months;
    i.days = -i.days;
    i.micros = -i.micros;
    return i;
  };
  AddRowFunction(r, "+", {date, i4}, date, [](const std::vector<Value>& a, FunctionContext&) { return Value::Date(a[0].int_value() + a[1].int_value()); });
  AddRowFunction(r, "+", {i4, date}, date, [](const std::vector<Value>& a, FunctionContext&) { return Value::Date(a[0].int_value() + a[1].int_value()); });
  AddRowFunction(r, "-", {date, i4}, date, [](const std::vector<Value>& a, FunctionContext&) { return Value::Date(a[0].int_value() - a[1].int_value()); });
  AddRowFunction(r, "-", {date, date}, i4, [](const std::vector<Value>& a, FunctionContext&) { return Value::Int4(a[0].int_value() - a[1].int_value()); });
  AddRowFunction(r, "+", {date, iv}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(datetime::AddInterval(datetime::DateToTimestamp(a[0].int_value()), a[1].interval_value()));
  });
  AddRowFunction(r, "-", {date, iv}, ts, [neg](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(datetime::AddInterval(datetime::DateToTimestamp(a[0].int_value()), neg(a[1].interval_value())));
  });
  AddRowFunction(r, "+", {ts, iv}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(datetime::AddInterval(a[0].int_value(), a[1].interval_value()));
  });
  AddRowFunction(r, "+", {iv, ts}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(datetime::AddInterval(a[1].int_value(), a[0].interval_value()));
  });
  AddRowFunction(r, "-", {ts, iv}, ts, [neg](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(datetime::AddInterval(a[0].int_value(), neg(a[1].interval_value())));
  });
  AddRowFunction(r, "+", {tz, iv}, tz, [zone](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::TimestampTz(datetime::AddIntervalTz(a[0].int_value(), a[1].interval_value(), zone(ctx)));
  });
  AddRowFunction(r, "-", {tz, iv}, tz, [zone, neg](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::TimestampTz(datetime::AddIntervalTz(a[0].int_value(), neg(a[1].interval_value()), zone(ctx)));
  });
  AddRowFunction(r, "-", {ts, ts}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(datetime::SubtractTimestamps(a[0].int_value(), a[1].int_value()));
  });
  AddRowFunction(r, "-", {tz, tz}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(datetime::SubtractTimestamps(a[0].int_value(), a[1].int_value()));
  });
  AddRowFunction(r, "+", {iv, iv}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    Interval x = a[0].interval_value(), y = a[1].interval_value();
    return Value::FromInterval(Interval{x.months + y.months, x.days + y.days, x.micros + y.micros});
  });
  AddRowFunction(r, "-", {iv, iv}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    Interval x = a[0].interval_value(), y = a[1].interval_value();
    return Value::FromInterval(Interval{x.months - y.months, x.days - y.days, x.micros - y.micros});
  });
  AddRowFunction(r, "-", {iv}, iv, [neg](const std::vector<Value>& a, FunctionContext&) { return Value::FromInterval(neg(a[0].interval_value())); });
  AddRowFunction(r, "*", {iv, f8}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(datetime::MultiplyInterval(a[0].interval_value(), a[1].double_value()));
  });
  AddRowFunction(r, "*", {f8, iv}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(datetime::MultiplyInterval(a[1].interval_value(), a[0].double_value()));
  });
  AddRowFunction(r, "/", {iv, f8}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    if (a[1].double_value() == 0) DivZero();
    return Value::FromInterval(datetime::MultiplyInterval(a[0].interval_value(), 1.0 / a[1].double_value()));
  });
}

}  // namespace

void RegisterOperatorFunctions(FunctionRegistry& r) {
  RegisterIntegerArithmetic(r);
  RegisterFloatArithmetic(r);
  RegisterNumericArithmetic(r);
  RegisterComparisons(r);
  RegisterStringOperators(r);
  RegisterDateArithmetic(r);
}

}  // namespace kanto
