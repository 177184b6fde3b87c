#include "main/literal_plan_cache.hpp"

#include "function/cast.hpp"
#include "function/type_input.hpp"
#include "main/database_impl.hpp"
#include "main/result_stream.hpp"
#include "parser/literal_scan.hpp"
#include "parser/parser.hpp"
#include "types/numeric.hpp"

namespace kanto {

std::shared_ptr<LiteralPlanEntry> LiteralPlanCache::Find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

std::shared_ptr<LiteralPlanEntry> LiteralPlanCache::Add(const std::string& key) {
  auto entry = std::make_shared<LiteralPlanEntry>();
  lru_.emplace_front(key, entry);
  index_[key] = lru_.begin();
  if (lru_.size() > kCapacity) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  return entry;
}

void LiteralPlanCache::Clear() {
  lru_.clear();
  index_.clear();
}

std::string ConnectionImpl::PlanSettings() const { return GetSetting("intervalstyle") + '\n' + user_; }

namespace {

LogicalType LiteralType(const ast::Constant& c) {
  switch (c.type) {
    case ast::Constant::Type::kInteger:
      return LogicalType(c.ival >= INT32_MIN && c.ival <= INT32_MAX ? TypeId::kInt4 : TypeId::kInt8);
    case ast::Constant::Type::kNumeric: return LogicalType(TypeId::kNumeric);
    default: return LogicalType(TypeId::kUnknown);
  }
}

// The value of a literal as the binder makes it of the constant. Throws as it would.
Value LiteralValue(const ast::Constant& c) {
  switch (c.type) {
    case ast::Constant::Type::kInteger:
      return c.ival >= INT32_MIN && c.ival <= INT32_MAX ? Value::Int4(c.ival) : Value::Int8(c.ival);
    case ast::Constant::Type::kNumeric: return Value::FromNumeric(Numeric::Parse(c.str));
    default: return Value::Unknown(c.str);
  }
}

}  // namespace

bool ConnectionImpl::BuildLiteralEntry(const std::string& sql, const LiteralScan& scan, LiteralPlanEntry& entry,
                                       const std::shared_ptr<const Catalog>& catalog) {
  entry.state = LiteralPlanEntry::State::kRefused;
  entry.refused_catalog = catalog;
  entry.plan = PlanCache{};
  std::vector<ast::StatementPtr> stmts;
  try {
    stmts = ParseSql(sql);
  } catch (std::exception&) {
    return false;
  }
  if (stmts.size() != 1) return false;
  std::vector<LiteralSlot> slots;
  if (!ParameterizeLiterals(*stmts[0], sql, scan, &slots)) return false;
  entry.fixed.assign(slots.size(), std::string());
  entry.param_types.clear();
  for (size_t i = 0; i < slots.size(); i++) {
    if (slots[i].param < 0) {
      entry.fixed[i] = sql.substr(scan.literals[i].pos, scan.literals[i].len);
    } else {
      entry.param_types.resize(std::max<size_t>(entry.param_types.size(), slots[i].param + 1));
      entry.param_types[slots[i].param] = LiteralType(slots[i].constant);
    }
  }
  entry.slots = std::move(slots);
  entry.stmt = std::shared_ptr<const ast::Statement>(std::move(stmts[0]));
  if (!PlanLiteralEntry(entry, catalog)) return false;
  entry.state = LiteralPlanEntry::State::kPlanned;
  entry.refused_catalog.reset();
  return true;
}

bool ConnectionImpl::StreamFromPlanCache(const std::string& sql, StreamImpl* stream) {
  std::string mode = GetSetting("kanto.plan_cache");
  if (mode == "off" || state_ == TxnState::kFailed) return false;
  LiteralScan scan;
  if (!ScanLiterals(sql, &scan)) return false;
  std::shared_ptr<LiteralPlanEntry> entry = literal_cache_->Find(scan.key);
  if (!entry) {
    entry = literal_cache_->Add(scan.key);
    if (mode != "eager") return false;  // planned the second time the shape is seen
  }
  // The catalog the statement will plan on (RunQuery: catalog_for_statement).
  std::shared_ptr<const Catalog> catalog = txn_ ? catalog_for_statement() : db_impl_.catalog().Current();
  if (entry->state == LiteralPlanEntry::State::kRefused) {
    if (entry->refused_catalog == catalog) return false;
    entry->state = LiteralPlanEntry::State::kSeen;
  }
  bool reused = entry->state == LiteralPlanEntry::State::kPlanned;  // a plan made for an earlier text
  if (!reused && !BuildLiteralEntry(sql, scan, *entry, catalog)) return false;

  // The literals that stay constants must be the cached ones, the others of the same class;
  // else the entry is made again for this text.
  auto fits = [&] {
    if (entry->slots.size() != scan.literals.size()) return false;
    for (size_t i = 0; i < scan.literals.size(); i++) {
      const ScannedLiteral& lit = scan.literals[i];
      const LiteralSlot& slot = entry->slots[i];
      if (slot.param < 0) {
        if (std::string_view(sql).substr(lit.pos, lit.len) != entry->fixed[i]) return false;
      } else if (!SameLiteralClass(LiteralConstant(sql, lit, slot.negate), slot.constant)) {
        return false;
      }
    }
    return true;
  };
  if (!fits()) {
    reused = false;
    if (!BuildLiteralEntry(sql, scan, *entry, catalog)) return false;
  }
  auto settings_match = [&] {
    if (entry->settings_version == settings_.version() && entry->checked_user == user_) return true;
    return entry->plan.time_zone == GetSetting("timezone") && entry->plan.search_path == GetSetting("search_path") &&
           entry->settings == PlanSettings();
  };
  if (entry->plan.catalog != catalog || !settings_match()) {
    reused = false;
    if (!PlanLiteralEntry(*entry, catalog)) {
      entry->state = LiteralPlanEntry::State::kRefused;
      entry->refused_catalog = catalog;
      return false;
    }
  }
  entry->settings_version = settings_.version();
  entry->checked_user = user_;

  // The parameters' values, each tried through the plan's coercions of it: a literal that would
  // fail to convert is left to the ordinary path, which reports it where it is.
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  std::vector<Value> values(entry->param_types.size());
  try {
    for (size_t i = 0; i < scan.literals.size(); i++) {
      const LiteralSlot& slot = entry->slots[i];
      if (slot.param >= 0) values[slot.param] = LiteralValue(LiteralConstant(sql, scan.literals[i], slot.negate));
    }
    for (const auto& c : entry->coercions) {
      Value& v = values.at(c.param);
      if (v.type().id == TypeId::kUnknown) {
        // The parameter takes the type of its first coercion, as the literal would.
        Value typed = TypeInput(v.str_value(), c.target, c.context, fn, &v);
        typed.set_type(c.target);
        v = std::move(typed);
      } else {
        CastValue(v, c.target, c.context, fn);
      }
    }
  } catch (std::exception&) {
    return false;
  }
  if (reused) literal_cache_->hits++;
  SetActivityQuery(sql);
  stream->single = [this, entry, values = std::move(values)] {
    return RunPrepared(*entry->stmt, values, entry->param_types, &entry->plan, true);
  };
  return true;
}

}  // namespace kanto
