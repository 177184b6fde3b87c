// Object sizes: pg_relation_size (with a fork), pg_table_size, pg_indexes_size,
// pg_total_relation_size, pg_database_size (by OID and by name), and pg_size_pretty (bigint and
// numeric, with PostgreSQL's units and rounding).
//
// Sizes are the bytes the objects' keys take in storage, as the storage engine approximates them
// over their key ranges (files and memtables, SessionControl::StoredBytes). A table's rows are its
// primary key (or hidden row id) index, so the table and its primary key index are one structure:
// pg_relation_size gives both the rows' bytes, and pg_indexes_size counts the other indexes only,
// so that pg_total_relation_size counts every byte once. Kanto keeps no free space map, visibility
// map, init fork or TOAST table: those forks are 0 bytes, as PostgreSQL reports a missing fork.
#include "catalog/catalog.hpp"
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"
#include "function/session_control.hpp"
#include "kanto/error.hpp"
#include "types/numeric.hpp"

namespace kanto {

namespace {

SessionControl& Session(FunctionContext& ctx) {
  if (!ctx.session || !ctx.catalog) throw Error(sqlstate::kFeatureNotSupported, "object sizes are not available here");
  return *ctx.session;
}

// The sizes of one relation: its own storage (main fork) and that of its other indexes.
struct RelationSizes {
  uint64_t main = 0;
  uint64_t other_indexes = 0;
};

// False when no relation has the OID (the functions then give NULL, as PostgreSQL does).
bool SizesOf(FunctionContext& ctx, const Value& oid_value, RelationSizes* out) {
  SessionControl& session = Session(ctx);
  auto oid = static_cast<uint32_t>(oid_value.int_value());
  if (const SequenceEntry* seq = ctx.catalog->GetSequence(oid)) {
    out->main = session.StoredBytes(seq->id, 0);
    return true;
  }
  const IndexEntry* idx = nullptr;
  const TableEntry* t = ctx.catalog->FindRelationById(oid, &idx);
  if (!t) return false;
  if (idx) {
    out->main = session.StoredBytes(t->id, idx->id);
    return true;
  }
  if (t->is_view()) return true;  // no storage
  out->main = session.StoredBytes(t->id, t->row_index_id());
  for (const IndexEntry& index : t->indexes) {
    if (index.id != t->row_index_id()) out->other_indexes += session.StoredBytes(t->id, index.id);
  }
  return true;
}

Value Bytes(uint64_t n) { return Value::Int8(static_cast<int64_t>(n)); }

// pg_relation_size(rel, fork): "main" is the relation's storage; "fsm", "vm" and "init" are forks
// Kanto does not keep.
Value RelationForkSize(const std::vector<Value>& a, FunctionContext& ctx) {
  std::string fork = a.size() > 1 ? a[1].str_value() : "main";
  if (fork != "main" && fork != "fsm" && fork != "vm" && fork != "init") {
    throw Error(sqlstate::kInvalidParameterValue, "invalid fork name")
        .WithHint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
  }
  RelationSizes sizes;
  if (!SizesOf(ctx, a[0], &sizes)) return Value::Null(T(TypeId::kInt8));
  return Bytes(fork == "main" ? sizes.main : 0);
}

// PostgreSQL's units: below each limit a value prints in that unit; kB and up are rounded half
// away from zero from one more bit of precision than they print.
struct SizeUnit {
  const char* name;
  int64_t limit;
  bool rounded;
  int bits;  // log2 of the unit in bytes
};
constexpr SizeUnit kSizeUnits[] = {
    {"bytes", 10 * 1024, false, 0}, {"kB", 20 * 1024 - 1, true, 10}, {"MB", 20 * 1024 - 1, true, 20},
    {"GB", 20 * 1024 - 1, true, 30}, {"TB", 20 * 1024 - 1, true, 40}, {"PB", 20 * 1024 - 1, true, 50},
};
constexpr size_t kUnitCount = sizeof(kSizeUnits) / sizeof(kSizeUnits[0]);

// How many bits to divide by when moving from unit i to unit i + 1: a rounded unit keeps one
// extra bit for its rounding.
int ShiftToNext(size_t i) {
  const SizeUnit &from = kSizeUnits[i], &to = kSizeUnits[i + 1];
  return to.bits - from.bits - (to.rounded ? 1 : 0) + (from.rounded ? 1 : 0);
}

std::string PrettyBigint(int64_t size) {
  for (size_t i = 0;; i++) {
    const SizeUnit& unit = kSizeUnits[i];
    bool below = size > -unit.limit && size < unit.limit;
    if (i + 1 == kUnitCount || below) {
      if (unit.rounded) size = (size + (size < 0 ? -1 : 1)) / 2;
      return std::to_string(size) + " " + unit.name;
    }
    size /= int64_t{1} << ShiftToNext(i);  // truncates toward zero
  }
}

Numeric TruncatedDivide(const Numeric& n, int64_t divisor) { return n.Div(Numeric::FromInt64(divisor)).Trunc(0); }

std::string PrettyNumeric(Numeric size) {
  for (size_t i = 0;; i++) {
    const SizeUnit& unit = kSizeUnits[i];
    if (i + 1 == kUnitCount || size.Abs() < Numeric::FromInt64(unit.limit)) {
      if (unit.rounded) size = TruncatedDivide(size.Add(Numeric::FromInt64(size.IsNegative() ? -1 : 1)), 2);
      return size.ToString() + " " + unit.name;
    }
    size = TruncatedDivide(size, int64_t{1} << ShiftToNext(i));
  }
}

}  // namespace

void RegisterSizeFunctions(FunctionRegistry& r) {
  const LogicalType kRegclass = T(TypeId::kRegclass), kInt8 = T(TypeId::kInt8), kText = T(TypeId::kText),
                    kOid = T(TypeId::kOid), kName = T(TypeId::kName), kNumeric = T(TypeId::kNumeric);
  constexpr bool kStrict = true, kVolatile = true;
  AddRowFunction(r, "pg_relation_size", {kRegclass}, kInt8, RelationForkSize, kStrict, kVolatile);
  AddRowFunction(r, "pg_relation_size", {kRegclass, kText}, kInt8, RelationForkSize, kStrict, kVolatile);
  // part: which of a relation's sizes to add up.
  enum Part { kTable, kIndexes, kTotal };
  for (auto [name, part] : {std::pair{"pg_table_size", kTable}, std::pair{"pg_indexes_size", kIndexes},
                            std::pair{"pg_total_relation_size", kTotal}}) {
    Part p = part;
    AddRowFunction(r, name, {kRegclass}, kInt8, [p](const std::vector<Value>& a, FunctionContext& ctx) {
      RelationSizes sizes;
      if (!SizesOf(ctx, a[0], &sizes)) return Value::Null(T(TypeId::kInt8));
      return Bytes(p == kTable ? sizes.main : p == kIndexes ? sizes.other_indexes : sizes.main + sizes.other_indexes);
    }, kStrict, kVolatile);
  }
  AddRowFunction(r, "pg_database_size", {kOid}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::optional<uint64_t> bytes = Session(ctx).DatabaseBytes(static_cast<uint32_t>(a[0].int_value()));
    return bytes ? Bytes(*bytes) : Value::Null(T(TypeId::kInt8));
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_database_size", {kName}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    SessionControl& session = Session(ctx);
    for (const DatabaseEntry* d : ctx.catalog->Databases()) {
      if (d->name != a[0].str_value()) continue;
      std::optional<uint64_t> bytes = session.DatabaseBytes(d->id);
      if (bytes) return Bytes(*bytes);
    }
    throw Error(sqlstate::kInvalidCatalogName, "database \"" + a[0].str_value() + "\" does not exist");
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_size_pretty", {kInt8}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(PrettyBigint(a[0].int_value()));
  });
  AddRowFunction(r, "pg_size_pretty", {kNumeric}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(PrettyNumeric(a[0].numeric_value()));
  });
}

}  // namespace kanto
