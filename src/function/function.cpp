#include "function/function.hpp"

#include "function/kernel_util.hpp"

namespace kanto {

const FunctionRegistry& FunctionRegistry::Instance() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterOperatorFunctions(*r);
    RegisterPatternOperators(*r);
    RegisterRegexpFunctions(*r);
    RegisterMathFunctions(*r);
    RegisterStringFunctions(*r);
    RegisterFormatFunctions(*r);
    RegisterDatetimeFunctions(*r);
    RegisterSystemFunctions(*r);
    RegisterCatalogFunctions(*r);
    RegisterSchemaFunctions(*r);
    RegisterArrayFunctions(*r);
    RegisterRecordFunctions(*r);
    RegisterEnumFunctions(*r);
    RegisterJsonFunctions(*r);
    RegisterJsonOperators(*r);
    RegisterJsonProcessing(*r);
    RegisterSequenceFunctions(*r);
    RegisterNotifyFunctions(*r);
    RegisterSessionFunctions(*r);
    RegisterSizeFunctions(*r);
    RegisterPrivilegeFunctions(*r);
    RegisterServerInfoFunctions(*r);
    return r;
  }();
  return *registry;
}

void FunctionRegistry::Add(ScalarFunction fn) {
  std::string name = fn.name;
  scalars_[name].push_back(std::move(fn));
}

const std::vector<ScalarFunction>* FunctionRegistry::Find(const std::string& name) const {
  auto it = scalars_.find(name);
  return it == scalars_.end() ? nullptr : &it->second;
}

ScalarKernel RowKernel(RowFn fn, bool strict) {
  return [fn = std::move(fn), strict](const std::vector<const Vector*>& args, size_t count, Vector& result,
                                      FunctionContext& ctx) {
    std::vector<Value> row(args.size());
    for (size_t i = 0; i < count; i++) {
      if (strict && result.IsNull(i)) continue;
      for (size_t a = 0; a < args.size(); a++) row[a] = args[a]->GetValue(i);
      Value v = fn(row, ctx);
      if (v.is_null()) {
        result.SetNull(i);
      } else {
        v.set_type(result.type());
        result.SetValue(i, v);
      }
    }
  };
}

void AddRowFunction(FunctionRegistry& r, const std::string& name, std::vector<LogicalType> args, LogicalType ret,
                    RowFn fn, bool strict, bool is_volatile) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.kernel = RowKernel(std::move(fn), strict);
  f.strict = strict;
  f.is_volatile = is_volatile;
  r.Add(std::move(f));
}

}  // namespace kanto
