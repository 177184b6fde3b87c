#include "function/window_functions.hpp"

namespace kanto {

namespace {

constexpr WindowFunctionInfo kWindowFunctions[] = {
    {"row_number", 0, 0}, {"rank", 0, 0},        {"dense_rank", 0, 0}, {"percent_rank", 0, 0},
    {"cume_dist", 0, 0},  {"ntile", 1, 1},       {"lag", 1, 3},        {"lead", 1, 3},
    {"first_value", 1, 1}, {"last_value", 1, 1}, {"nth_value", 2, 2},
};

}  // namespace

const WindowFunctionInfo* FindWindowFunction(const std::string& name) {
  for (const auto& f : kWindowFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

const std::vector<WindowFunctionSignature>& WindowFunctionSignatures() {
  static const auto* signatures = [] {
    const LogicalType any(TypeId::kUnknown), i4(TypeId::kInt4), i8(TypeId::kInt8), f8(TypeId::kFloat8);
    auto* out = new std::vector<WindowFunctionSignature>{
        {"row_number", {}, i8},     {"rank", {}, i8},           {"dense_rank", {}, i8},
        {"percent_rank", {}, f8},   {"cume_dist", {}, f8},      {"ntile", {i4}, i4},
        {"first_value", {any}, any}, {"last_value", {any}, any}, {"nth_value", {any, i4}, any},
    };
    for (const char* name : {"lag", "lead"}) {
      out->push_back({name, {any}, any});
      out->push_back({name, {any, i4}, any});
      out->push_back({name, {any, i4, any}, any});
    }
    return out;
  }();
  return *signatures;
}

}  // namespace kanto
