#include "function/type_input.hpp"

namespace kanto {

Value TypeInput(std::string_view text, const LogicalType& target, CastContext context, const FunctionContext& fn,
                const Value* shared) {
  LogicalType base(target.id);
  base.elem = target.elem;
  if (target.id == TypeId::kInterval) base = target;  // the field mask applies while reading
  Value v;
  if (base.id == TypeId::kText) {
    v = shared ? *shared : Value::Text(std::string(text));
  } else {
    v = TextToValue(text, base, fn);
  }
  if (target.mod1 >= 0) v = CastValue(v, target, context, fn);
  v.set_type(target);
  return v;
}

}  // namespace kanto
