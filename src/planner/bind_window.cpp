// Binding of window calls: f(args) [FILTER (WHERE ...)] OVER (PARTITION BY ... ORDER BY ... frame),
// with named windows (WINDOW w AS (...)) merged as PostgreSQL does.
#include "common/sql_text.hpp"
#include "function/aggregate.hpp"
#include "function/window_functions.hpp"
#include "kanto/error.hpp"
#include "planner/expr_binder.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

namespace {

// OVER w / OVER (w ORDER BY ...): the referenced definition supplies PARTITION BY and, when it has
// one, ORDER BY; the referencing clause may add ORDER BY and the frame.
struct MergedWindow {
  const ast::ExprList* partition_by = nullptr;
  const std::vector<ast::OrderByItem>* order_by = nullptr;
  const ast::WindowFrame* frame = nullptr;
};

const ast::WindowDef& FindNamedWindow(const std::string& name, const std::vector<ast::WindowDef>* named, int location) {
  if (named) {
    for (const auto& w : *named) {
      if (w.name == name) return w;
    }
  }
  throw At(Error(sqlstate::kUndefinedObject, "window \"" + name + "\" does not exist"), location);
}

// A definition, merged with the window it refers to (OVER (w ...), WINDOW w2 AS (w ...)).
MergedWindow ResolveWindow(const ast::WindowDef& def, const std::vector<ast::WindowDef>* named, int location,
                           int depth = 0) {
  MergedWindow out{&def.partition_by, &def.order_by, &def.frame};
  if (def.ref_name.empty()) return out;
  if (depth > 100) throw At(Error(sqlstate::kWindowingError, "window definitions refer to each other in a cycle"), location);
  const std::string& ref_name = def.ref_name;
  MergedWindow base = ResolveWindow(FindNamedWindow(ref_name, named, location), named, location, depth + 1);
  if (!def.partition_by.empty()) {
    throw At(Error(sqlstate::kWindowingError, "cannot override PARTITION BY clause of window \"" + ref_name + "\""),
             location);
  }
  out.partition_by = base.partition_by;
  if (!base.order_by->empty()) {
    if (!def.order_by.empty()) {
      throw At(Error(sqlstate::kWindowingError, "cannot override ORDER BY clause of window \"" + ref_name + "\""),
               location);
    }
    out.order_by = base.order_by;
  }
  if (base.frame->mode != ast::WindowFrame::Mode::kDefault) {
    throw At(Error(sqlstate::kWindowingError, "cannot copy window \"" + ref_name + "\" because it has a frame clause"),
             location);
  }
  return out;
}

// OVER w arrives as a definition named w (copied whole, frame included); OVER (...) as an inline one.
MergedWindow MergeWindow(const ast::WindowDef& over, const std::vector<ast::WindowDef>* named, int location) {
  if (over.ref_name.empty() && !over.name.empty()) {
    return ResolveWindow(FindNamedWindow(over.name, named, location), named, location);
  }
  return ResolveWindow(over, named, location);
}

}  // namespace

BoundExprPtr ExprBinder::BindWindow(const ast::FuncCall& f, const std::string& name) {
  if (!windows_) {
    throw At(Error(sqlstate::kWindowingError, std::string("window functions are not allowed in ") + clause_), f.location);
  }
  if (inside_aggregate_) {
    throw At(Error(sqlstate::kGroupingError, "aggregate function calls cannot contain window function calls"), f.location);
  }
  if (inside_window_) throw At(Error(sqlstate::kWindowingError, "window function calls cannot be nested"), f.location);
  if (f.distinct) {
    throw At(Error(sqlstate::kFeatureNotSupported, "DISTINCT is not implemented for window functions"), f.location);
  }
  if (!f.agg_order.empty()) {
    throw At(Error(sqlstate::kFeatureNotSupported, "aggregate ORDER BY is not implemented for window functions"),
             f.location);
  }
  const bool is_aggregate = AggregateRegistry::Instance().Find(name) != nullptr;
  const WindowFunctionInfo* info = is_aggregate ? nullptr : FindWindowFunction(name);
  if (!is_aggregate && !info) {
    if (FunctionRegistry::Instance().Find(name)) {
      throw At(Error(sqlstate::kWrongObjectType,
                     "OVER specified, but " + name + " is not a window function nor an aggregate function"),
               f.location);
    }
  }
  if (info && f.star) {
    throw At(Error(sqlstate::kWrongObjectType, "* specified, but " + name + " is not a parameterless aggregate"), f.location);
  }
  if (f.filter && !is_aggregate) {
    throw At(Error(sqlstate::kFeatureNotSupported, "FILTER is not implemented for non-aggregate window functions"),
             f.location);
  }
  MergedWindow def = MergeWindow(*f.over, windows_->named, f.over->location >= 0 ? f.over->location : f.location);

  inside_window_ = true;
  window_srf_error_ = kSrfInWindowCall;
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(Bind(*a));
  BoundExprPtr filter;
  if (f.filter) filter = BindCondition(*f.filter, "FILTER");
  std::vector<BoundExprPtr> partition, order;
  auto spec = std::make_shared<BoundWindowSpec>();
  // PARTITION BY and ORDER BY: set-returning calls run before the window.
  window_srf_error_ = nullptr;
  SrfPhase saved_phase = srfs_ ? srfs_->phase : SrfPhase::kAfterWindow;
  if (srfs_) srfs_->phase = SrfPhase::kBeforeWindow;
  for (const auto& p : *def.partition_by) partition.push_back(Bind(*p));
  for (const auto& o : *def.order_by) {
    order.push_back(BindSortKey(o, *spec));
  }
  if (srfs_) srfs_->phase = saved_phase;
  inside_window_ = false;

  BoundExprPtr call;
  if (is_aggregate) {
    call = MakeAggregate(name, std::move(args), f.star, f.location);
    call->kind = BoundExprKind::kWindow;
    call->filter = std::move(filter);
  } else {
    if (!info || args.size() < info->min_args || args.size() > info->max_args) {
      std::vector<LogicalType> types;
      for (const auto& a : args) types.push_back(a->type);
      throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                   .WithHint("No function matches the given name and argument types. You might need to add explicit "
                             "type casts."),
               f.location);
    }
    LogicalType type(TypeId::kInt8);
    if (name == "percent_rank" || name == "cume_dist") type = LogicalType(TypeId::kFloat8);
    if (name == "ntile") {
      type = LogicalType(TypeId::kInt4);
      args[0] = binder_.Coerce(std::move(args[0]), LogicalType(TypeId::kInt4), CastContext::kImplicit, f.location);
    }
    if (!args.empty() && name != "ntile") {
      type = args[0]->type;
      if ((name == "lag" || name == "lead") && args.size() == 3) type = CommonType({args[0]->type, args[2]->type}, name.c_str());
      if (type.id == TypeId::kUnknown) type = LogicalType(TypeId::kText);
      args[0] = binder_.Coerce(std::move(args[0]), type, CastContext::kImplicit, f.location);
      if (args.size() > 1) {
        args[1] = binder_.Coerce(std::move(args[1]), LogicalType(TypeId::kInt4), CastContext::kImplicit, f.location);
      }
      if (args.size() > 2) args[2] = binder_.Coerce(std::move(args[2]), type, CastContext::kImplicit, f.location);
    }
    call = std::make_unique<BoundExpr>(BoundExprKind::kWindow, type);
    call->children = std::move(args);
  }
  call->name = name;
  spec->arg_count = static_cast<uint32_t>(call->children.size());
  spec->partition_count = static_cast<uint32_t>(partition.size());
  for (auto& p : partition) call->children.push_back(std::move(p));
  for (auto& o : order) call->children.push_back(std::move(o));
  BindWindowFrame(*def.frame, *call, *spec, f.location);
  call->window = std::move(spec);
  return CollectOutput(windows_->windows, windows_->window_index, std::move(call));
}

// Frame clause: offsets become children (ROWS/GROUPS: bigint offset; RANGE: the boundary value
// computed from the single ORDER BY key).
void ExprBinder::BindWindowFrame(const ast::WindowFrame& frame, BoundExpr& call, BoundWindowSpec& spec, int location) {
  using Mode = ast::WindowFrame::Mode;
  using Bound = ast::WindowFrame::Bound;
  spec.mode = frame.mode == Mode::kRows     ? BoundWindowSpec::Mode::kRows
              : frame.mode == Mode::kGroups ? BoundWindowSpec::Mode::kGroups
                                            : BoundWindowSpec::Mode::kRange;
  spec.start = static_cast<BoundWindowSpec::Bound>(frame.start);
  spec.end = static_cast<BoundWindowSpec::Bound>(frame.end);
  spec.exclude = static_cast<BoundWindowSpec::Exclude>(frame.exclude);
  if (spec.mode == BoundWindowSpec::Mode::kGroups && spec.order_count() == 0) {
    throw At(Error(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause"), location);
  }
  auto bind_offset = [&](const ast::Expr* offset, bool preceding, const char* which) -> BoundExprPtr {
    inside_window_ = true;
    window_srf_error_ = "set-returning functions are not allowed in window definitions";
    auto value = Bind(*offset);
    inside_window_ = false;
    window_srf_error_ = nullptr;
    if (!value->IsFoldable()) {
      throw At(Error(sqlstate::kWindowingError, std::string("argument of ") + (spec.mode == BoundWindowSpec::Mode::kRows ? "ROWS" : spec.mode == BoundWindowSpec::Mode::kGroups ? "GROUPS" : "RANGE") +
                                                    " must not contain variables"),
               offset->location);
    }
    if (value->IsConstant() && !value->value.is_null()) {
      bool negative = false;
      const Value& v = value->value;
      switch (v.type().physical()) {
        case PhysicalType::kInt64: negative = v.int_value() < 0; break;
        case PhysicalType::kDouble: negative = v.double_value() < 0; break;
        case PhysicalType::kNumeric: negative = v.numeric_value().IsNegative(); break;
        default: break;
      }
      if (negative) {
        throw Error(sqlstate::kInvalidPrecedingOrFollowingSize,
                    std::string(which) == "start" ? "frame starting offset must not be negative"
                                                  : "frame ending offset must not be negative");
      }
    }
    if (spec.mode != BoundWindowSpec::Mode::kRange) {
      return binder_.Coerce(std::move(value), LogicalType(TypeId::kInt8), CastContext::kImplicit, offset->location);
    }
    if (spec.order_count() != 1) {
      throw At(Error(sqlstate::kWindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column"),
               location);
    }
    // A literal offset takes the type the key's in_range support wants: interval for date/time keys.
    const LogicalType& key_type = call.children[spec.order_begin()]->type;
    if (value->type.id == TypeId::kUnknown) {
      bool temporal = key_type.id == TypeId::kDate || key_type.id == TypeId::kTimestamp ||
                      key_type.id == TypeId::kTimestampTz || key_type.id == TypeId::kInterval;
      value = binder_.Coerce(std::move(value), temporal ? LogicalType(TypeId::kInterval) : key_type,
                             CastContext::kImplicit, offset->location);
    }
    // Ascending: PRECEDING looks at key - offset; descending flips the direction.
    bool minus = preceding != static_cast<bool>(spec.order_desc[0]);
    std::vector<BoundExprPtr> args;
    args.push_back(call.children[spec.order_begin()]->Copy());
    args.push_back(std::move(value));
    return BindOperator(minus ? "-" : "+", std::move(args), offset->location, false);
  };
  if (frame.start == Bound::kPreceding || frame.start == Bound::kFollowing) {
    call.children.push_back(bind_offset(frame.start_offset.get(), frame.start == Bound::kPreceding, "start"));
    spec.has_start_expr = true;
  }
  if (frame.end == Bound::kPreceding || frame.end == Bound::kFollowing) {
    call.children.push_back(bind_offset(frame.end_offset.get(), frame.end == Bound::kPreceding, "end"));
    spec.has_end_expr = true;
  }
  if (spec.mode == BoundWindowSpec::Mode::kRange && (spec.has_start_expr || spec.has_end_expr)) {
    std::vector<LogicalType> types;
    for (size_t i = spec.frame_begin(); i < call.children.size(); i++) types.push_back(call.children[i]->type);
    LogicalType common = CommonType(types, "RANGE");
    for (size_t i = spec.frame_begin(); i < call.children.size(); i++) {
      call.children[i] = binder_.Coerce(std::move(call.children[i]), common, CastContext::kImplicit, location);
    }
    call.children.push_back(
        binder_.Coerce(call.children[spec.order_begin()]->Copy(), common, CastContext::kImplicit, location));
    spec.has_range_key = true;
  }
}

}  // namespace kanto
