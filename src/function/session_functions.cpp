// Session functions: pg_backend_pid, the advisory lock family (pg_advisory_lock, _shared, _xact,
// pg_try_..., pg_advisory_unlock..., pg_advisory_unlock_all), pg_cancel_backend,
// pg_terminate_backend and pg_sleep / pg_sleep_for / pg_sleep_until. They act through the session's SessionControl; all volatile.
// PostgreSQL's void results are the empty text here (Kanto has no void type).
#include "function/function.hpp"
#include "function/kernel_util.hpp"
#include "function/session_control.hpp"
#include "function/time_zone_functions.hpp"
#include "common/clock.hpp"
#include "types/datetime.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

SessionControl& Session(FunctionContext& ctx) {
  if (!ctx.session) throw Error(sqlstate::kFeatureNotSupported, "session functions are not available here");
  return *ctx.session;
}

Value Void() { return Value::Text(""); }

AdvisoryKey KeyOf(const std::vector<Value>& a) {
  AdvisoryKey k;
  if (a.size() == 1) {
    k.key = a[0].int_value();
  } else {
    k.pair = true;
    k.key1 = static_cast<int32_t>(a[0].int_value());
    k.key2 = static_cast<int32_t>(a[1].int_value());
  }
  return k;
}

}  // namespace

void RegisterSessionFunctions(FunctionRegistry& r) {
  const LogicalType kInt4 = T(TypeId::kInt4), kInt8 = T(TypeId::kInt8), kBool = T(TypeId::kBool),
                    kText = T(TypeId::kText), kFloat8 = T(TypeId::kFloat8);
  constexpr bool kStrict = true, kVolatile = true;
  using Op = SessionControl::AdvisoryOp;
  AddRowFunction(r, "pg_backend_pid", {}, kInt4, [](const std::vector<Value>&, FunctionContext& ctx) {
    return Value::Int4(Session(ctx).BackendPid());
  }, kStrict, kVolatile);
  struct Variant {
    const char* name;
    bool shared, xact;
    Op op;
  };
  const Variant variants[] = {
      {"pg_advisory_lock", false, false, Op::kLock},
      {"pg_advisory_lock_shared", true, false, Op::kLock},
      {"pg_try_advisory_lock", false, false, Op::kTryLock},
      {"pg_try_advisory_lock_shared", true, false, Op::kTryLock},
      {"pg_advisory_xact_lock", false, true, Op::kLock},
      {"pg_advisory_xact_lock_shared", true, true, Op::kLock},
      {"pg_try_advisory_xact_lock", false, true, Op::kTryLock},
      {"pg_try_advisory_xact_lock_shared", true, true, Op::kTryLock},
      {"pg_advisory_unlock", false, false, Op::kUnlock},
      {"pg_advisory_unlock_shared", true, false, Op::kUnlock},
  };
  for (const Variant& v : variants) {
    LogicalType ret = v.op == Op::kLock ? kText : kBool;
    auto fn = [v](const std::vector<Value>& a, FunctionContext& ctx) {
      bool got = Session(ctx).Advisory(KeyOf(a), v.shared, v.xact, v.op);
      return v.op == Op::kLock ? Void() : Value::Bool(got);
    };
    AddRowFunction(r, v.name, {kInt8}, ret, fn, kStrict, kVolatile);
    AddRowFunction(r, v.name, {kInt4, kInt4}, ret, fn, kStrict, kVolatile);
  }
  AddRowFunction(r, "pg_advisory_unlock_all", {}, kText, [](const std::vector<Value>&, FunctionContext& ctx) {
    Session(ctx).AdvisoryUnlockAll();
    return Void();
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_cancel_backend", {kInt4}, kBool, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::Bool(Session(ctx).SignalBackend(static_cast<int32_t>(a[0].int_value()), false));
  }, kStrict, kVolatile);
  auto terminate = [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (a.size() > 1 && a[1].int_value() < 0) {
      throw Error(sqlstate::kNumericValueOutOfRange, "\"timeout\" must not be negative");
    }
    return Value::Bool(Session(ctx).SignalBackend(static_cast<int32_t>(a[0].int_value()), true));
  };
  AddRowFunction(r, "pg_terminate_backend", {kInt4}, kBool, terminate, kStrict, kVolatile);
  AddRowFunction(r, "pg_terminate_backend", {kInt4, kInt8}, kBool, terminate, kStrict, kVolatile);
  AddRowFunction(r, "pg_sleep", {kFloat8}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    Session(ctx).Sleep(a[0].double_value());
    return Void();
  }, kStrict, kVolatile);
  // pg_sleep_for(interval) and pg_sleep_until(timestamptz), which PostgreSQL defines over pg_sleep
  // and clock_timestamp(): months and days of the interval count on the session's calendar.
  AddRowFunction(r, "pg_sleep_for", {T(TypeId::kInterval)}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    int64_t now = WallMicros();
    int64_t until = datetime::AddIntervalTz(now, a[0].interval_value(), SessionZone(ctx));
    Session(ctx).Sleep(static_cast<double>(until - now) / 1e6);
    return Void();
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_sleep_until", {T(TypeId::kTimestampTz)}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    Session(ctx).Sleep((static_cast<double>(a[0].int_value()) - static_cast<double>(WallMicros())) / 1e6);
    return Void();
  }, kStrict, kVolatile);
}

}  // namespace kanto
