// pg_notify(channel, payload) and the array behind pg_listening_channels() (a set-returning
// function in FROM and the select list, bound as unnest of this array: planner/bind_from.cpp).
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"

namespace kanto {

void RegisterNotifyFunctions(FunctionRegistry& r) {
  const LogicalType kText = T(TypeId::kText);
  // PostgreSQL's pg_notify is not strict: a NULL channel is the empty channel name (22023), a NULL
  // payload the empty payload. It returns void; Kanto has no void type and returns ''.
  AddRowFunction(r, "pg_notify", {kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (!ctx.notifications) throw Error(sqlstate::kFeatureNotSupported, "pg_notify is not available here");
    ctx.notifications->Notify(a[0].is_null() ? "" : a[0].str_value(), a[1].is_null() ? "" : a[1].str_value());
    return Value::Text("");
  }, false, true);
  AddRowFunction(r, "pg_listening_channels", {}, LogicalType::ArrayOf(kText), [kText](const std::vector<Value>&, FunctionContext& ctx) {
    std::vector<Value> names;
    if (ctx.notifications) {
      for (auto& c : ctx.notifications->Channels()) names.push_back(Value::Text(std::move(c)));
    }
    return MakeArrayValue(LogicalType::ArrayOf(kText), names);
  }, false, true);
}

}  // namespace kanto
