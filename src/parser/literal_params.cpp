#include "parser/literal_params.hpp"

#include <cstdint>
#include <map>

namespace kanto {

namespace {

bool IsInt4(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

class Parameterizer {
 public:
  Parameterizer(std::string_view text, const LiteralScan& scan, std::vector<LiteralSlot>* slots)
      : text_(text), scan_(scan), slots_(slots) {
    slots_->assign(scan.literals.size(), LiteralSlot{});
    for (size_t i = 0; i < scan.literals.size(); i++) by_pos_[scan.literals[i].pos] = i;
  }

  // WHERE: comparisons of a column with a literal, through AND / OR / NOT.
  void Condition(ast::ExprPtr& e) {
    if (!e) return;
    switch (e->kind) {
      case ast::ExprKind::kBool:
        for (auto& a : static_cast<ast::BoolExpr&>(*e).args) Condition(a);
        return;
      case ast::ExprKind::kOp: {
        auto& op = static_cast<ast::OpExpr&>(*e);
        if (!IsComparison(op) || !op.left || !op.right) return;
        if (IsColumn(*op.left)) Literal(op.right);
        else if (IsColumn(*op.right)) Literal(op.left);
        return;
      }
      case ast::ExprKind::kBetween: {
        auto& b = static_cast<ast::Between&>(*e);
        if (!IsColumn(*b.arg)) return;
        Literal(b.low);
        Literal(b.high);
        return;
      }
      default:
        return;
    }
  }

  // A value written to a column: a literal, or a column plus or minus a literal.
  void Value(ast::ExprPtr& e) {
    if (!e) return;
    if (e->kind == ast::ExprKind::kConstant) {
      Literal(e);
      return;
    }
    if (e->kind != ast::ExprKind::kOp) return;
    auto& op = static_cast<ast::OpExpr&>(*e);
    if ((op.op != "+" && op.op != "-") || !op.qualified_op.empty() || !op.left || !op.right) return;
    if (IsColumn(*op.left)) Literal(op.right);
    else if (IsColumn(*op.right)) Literal(op.left);
  }

 private:
  static bool IsComparison(const ast::OpExpr& op) {
    if (!op.qualified_op.empty()) return false;
    return op.op == "=" || op.op == "<>" || op.op == "!=" || op.op == "<" || op.op == "<=" || op.op == ">" ||
           op.op == ">=";
  }
  static bool IsColumn(const ast::Expr& e) {
    return e.kind == ast::ExprKind::kColumnRef && !static_cast<const ast::ColumnRef&>(e).star;
  }

  // The literal the constant came from: the token at its location, or the one after a unary minus
  // there (the grammar gives a folded `-5` the minus's location). -1 when none matches exactly.
  int SlotOf(const ast::Constant& c, bool* negate) {
    if (c.location < 0 || static_cast<size_t>(c.location) >= text_.size()) return -1;
    size_t pos = static_cast<size_t>(c.location);
    *negate = false;
    if (text_[pos] == '-') {
      *negate = true;
      pos++;
      while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t' || text_[pos] == '\n' ||
                                    text_[pos] == '\r' || text_[pos] == '\f' || text_[pos] == '\v')) {
        pos++;
      }
    }
    auto it = by_pos_.find(static_cast<uint32_t>(pos));
    if (it == by_pos_.end()) return -1;
    const ScannedLiteral& lit = scan_.literals[it->second];
    if (*negate && lit.kind == ScannedLiteral::Kind::kString) return -1;
    // The scan's reading of the token must be the transformer's, value and all.
    ast::Constant mine = LiteralConstant(text_, lit, *negate);
    if (mine.type != c.type || mine.ival != c.ival || mine.str != c.str) return -1;
    return static_cast<int>(it->second);
  }

  void Literal(ast::ExprPtr& e) {
    if (!e || e->kind != ast::ExprKind::kConstant) return;
    const auto& c = static_cast<const ast::Constant&>(*e);
    if (c.type != ast::Constant::Type::kInteger && c.type != ast::Constant::Type::kNumeric &&
        c.type != ast::Constant::Type::kString) {
      return;
    }
    bool negate = false;
    int slot = SlotOf(c, &negate);
    if (slot < 0 || (*slots_)[slot].param >= 0) return;
    LiteralSlot& s = (*slots_)[slot];
    s.param = next_param_++;
    s.negate = negate;
    s.constant = c;
    auto p = std::make_unique<ast::ParamRef>();
    p->number = s.param + 1;
    p->location = c.location;
    e = std::move(p);
  }

  std::string_view text_;
  const LiteralScan& scan_;
  std::vector<LiteralSlot>* slots_;
  std::map<uint32_t, size_t> by_pos_;
  int next_param_ = 0;
};

}  // namespace

bool ParameterizeLiterals(ast::Statement& stmt, std::string_view text, const LiteralScan& scan,
                          std::vector<LiteralSlot>* slots) {
  Parameterizer p(text, scan, slots);
  switch (stmt.kind) {
    case ast::StmtKind::kSelect: {
      auto& s = static_cast<ast::SelectStmt&>(stmt);
      if (s.with || s.set_op != ast::SelectStmt::SetOp::kNone || !s.values.empty()) return false;
      p.Condition(s.where);
      return true;
    }
    case ast::StmtKind::kInsert: {
      auto& s = static_cast<ast::InsertStmt&>(stmt);
      if (s.with) return false;
      if (s.select && !s.select->with && !s.select->values.empty() && s.select->order_by.empty() &&
          !s.select->limit && !s.select->offset) {
        for (auto& row : s.select->values) {
          for (auto& item : row) p.Value(item);
        }
      }
      return true;
    }
    case ast::StmtKind::kUpdate: {
      auto& s = static_cast<ast::UpdateStmt&>(stmt);
      if (s.with) return false;
      for (auto& set : s.set) p.Value(set.value);
      p.Condition(s.where);
      return true;
    }
    case ast::StmtKind::kDelete: {
      auto& s = static_cast<ast::DeleteStmt&>(stmt);
      if (s.with) return false;
      p.Condition(s.where);
      return true;
    }
    default:
      return false;
  }
}

bool SameLiteralClass(const ast::Constant& a, const ast::Constant& b) {
  if (a.type != b.type) return false;
  if (a.type == ast::Constant::Type::kInteger) return IsInt4(a.ival) == IsInt4(b.ival);
  return true;
}

}  // namespace kanto
