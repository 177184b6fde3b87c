#include "function/type_input.hpp"

namespace kanto {

Value TypeInput(std::string_view text, const LogicalType& target, CastContext context, const FunctionContext& fn,
                const Value* shared) {
  LogicalType base(target.id);
  base.elem = target.elem;
  // The field mask applies while reading an interval; a record's or enum's mod1 names its definition.
  if (target.id == TypeId::kInterval || target.HasDescriptor()) base = target;
  Value v;
  if (base.id == TypeId::kText) {
    v = shared ? *shared : Value::Text(std::string(text));
  } else {
    v = TextToValue(text, base, fn);
  }
  if (target.mod1 >= 0 && base != target) v = CastValue(v, target, context, fn);
  v.set_type(target);
  return v;
}

}  // namespace kanto
