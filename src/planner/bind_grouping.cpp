// GROUP BY items: plain expressions, ROLLUP, CUBE, GROUPING SETS and (), expanded into the list of
// grouping sets PostgreSQL computes (each a set of indexes into the query's distinct group
// expressions; several items combine as a cross product).
#include <algorithm>

#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto {

namespace {

using Set = std::vector<uint32_t>;
using SetList = std::vector<Set>;

Set Union(const Set& a, const Set& b) {
  Set out = a;
  for (uint32_t x : b) {
    if (std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
  }
  return out;
}

SetList Cross(const SetList& a, const SetList& b) {
  SetList out;
  for (const auto& x : a) {
    for (const auto& y : b) out.push_back(Union(x, y));
  }
  return out;
}

class Expander {
 public:
  explicit Expander(const std::function<uint32_t(const ast::Expr&)>& bind) : bind_(bind) {}

  // The columns of one element: an expression, or a parenthesized list of them.
  Set Columns(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kRow) {
      Set out;
      for (const auto& a : static_cast<const ast::RowExpr&>(e).args) out = Union(out, Columns(*a));
      return out;
    }
    if (e.kind == ast::ExprKind::kGroupingSet) {
      const auto& g = static_cast<const ast::GroupingSet&>(e);
      if (g.type == ast::GroupingSet::Type::kEmpty) return {};
      if (g.type == ast::GroupingSet::Type::kSimple) {
        Set out;
        for (const auto& a : g.content) out = Union(out, Columns(*a));
        return out;
      }
      throw At(Error(sqlstate::kFeatureNotSupported, "nested grouping sets are not supported here"), e.location);
    }
    return {bind_(e)};
  }

  SetList Expand(const ast::Expr& e) {
    if (e.kind != ast::ExprKind::kGroupingSet) return {Columns(e)};
    const auto& g = static_cast<const ast::GroupingSet&>(e);
    switch (g.type) {
      case ast::GroupingSet::Type::kEmpty: return {Set{}};
      case ast::GroupingSet::Type::kSimple: return {Columns(e)};
      case ast::GroupingSet::Type::kRollup: {
        std::vector<Set> parts;
        for (const auto& a : g.content) parts.push_back(Columns(*a));
        SetList out;
        for (size_t n = parts.size() + 1; n-- > 0;) {
          Set s;
          for (size_t i = 0; i < n; i++) s = Union(s, parts[i]);
          out.push_back(s);
        }
        return out;
      }
      case ast::GroupingSet::Type::kCube: {
        std::vector<Set> parts;
        for (const auto& a : g.content) parts.push_back(Columns(*a));
        if (parts.size() > 12) throw At(Error(sqlstate::kProgramLimitExceeded, "CUBE is limited to 12 elements"), e.location);
        SetList out;
        for (uint32_t mask = (1u << parts.size()); mask-- > 0;) {
          Set s;
          for (size_t i = 0; i < parts.size(); i++) {
            if (mask & (1u << (parts.size() - 1 - i))) s = Union(s, parts[i]);
          }
          out.push_back(s);
        }
        return out;
      }
      case ast::GroupingSet::Type::kSets: {
        SetList out;
        for (const auto& a : g.content) {
          for (auto& s : Expand(*a)) out.push_back(std::move(s));
        }
        return out;
      }
    }
    return {};
  }

 private:
  const std::function<uint32_t(const ast::Expr&)>& bind_;
};

}  // namespace

std::vector<std::vector<uint32_t>> ExpandGroupingSets(const ast::ExprList& group_by,
                                                      const std::function<uint32_t(const ast::Expr&)>& bind) {
  Expander expander(bind);
  SetList sets = {Set{}};
  for (const auto& item : group_by) sets = Cross(sets, expander.Expand(*item));
  if (sets.size() > 4096) throw Error(sqlstate::kProgramLimitExceeded, "too many grouping sets present (maximum 4096)");
  return sets;
}

}  // namespace kanto
