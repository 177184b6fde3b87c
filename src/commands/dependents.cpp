#include "commands/dependents.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

// A relation's name as PostgreSQL prints it in descriptions: schema-qualified unless its schema is
// on the search path (public, pg_catalog).
std::string RelationName(const Catalog& catalog, uint32_t schema_id, const std::string& name) {
  if (schema_id == kPublicSchemaId || schema_id == kPgCatalogSchemaId) return QuoteIdent(name);
  const SchemaEntry* s = catalog.GetSchema(schema_id);
  return QuoteIdent(s ? s->name : "?") + "." + QuoteIdent(name);
}

std::string DescribeRelation(const Catalog& catalog, uint32_t id) {
  if (const SequenceEntry* seq = catalog.GetSequence(id)) return "sequence " + RelationName(catalog, seq->schema_id, seq->name);
  const IndexEntry* index = nullptr;
  const TableEntry* t = catalog.FindRelationById(id, &index);
  if (!t) return "relation " + std::to_string(id);
  if (index) return "index " + RelationName(catalog, t->schema_id, index->name);
  return (t->is_view() ? "view " : "table ") + RelationName(catalog, t->schema_id, t->name);
}

std::string ColumnName(const Catalog& catalog, uint32_t table, int32_t attnum) {
  const TableEntry* t = catalog.GetTable(table);
  if (!t || attnum < 1 || static_cast<size_t>(attnum) > t->columns.size()) return std::to_string(attnum);
  return t->columns[attnum - 1].name;
}

// The table whose own removal (DROP TABLE, or its column going) takes `object` along: its indexes,
// CHECK constraints, owned sequences and column DEFAULTs. 0 for objects that stand alone.
uint32_t OwnerTable(const Catalog& catalog, const ObjectAddress& object) {
  if (object.class_id == kPgAttrdefOid) return object.object_id;
  if (object.class_id == kPgConstraintOid) {
    const CheckEntry* check = nullptr;
    const ForeignKeyEntry* fk = nullptr;
    const TableEntry* t = catalog.FindCheckById(object.object_id, &check);
    if (!t) t = catalog.FindForeignKeyById(object.object_id, &fk);
    return t ? t->id : 0;
  }
  if (object.class_id != kPgClassOid) return 0;
  if (const SequenceEntry* seq = catalog.GetSequence(object.object_id)) return seq->owner_table;
  const IndexEntry* index = nullptr;
  const TableEntry* t = catalog.FindRelationById(object.object_id, &index);
  return t && index ? t->id : 0;
}

// One object found to depend (directly or not) on the targets.
struct Found {
  ObjectAddress object;
  ObjectAddress via;      // what it was first found to depend on
  bool normal = false;    // reached through a normal dependency
  bool owned = false;     // reached through an auto or internal one (then never reported)
};

class Walk {
 public:
  Walk(const Catalog& catalog, const std::vector<ObjectAddress>& targets) : catalog_(catalog), targets_(targets) {}

  void Visit(const ObjectAddress& object) {
    CheckStackDepth();
    // The dependents of `object`, one edge each (whole-object references first), newest first.
    std::map<ObjectAddress, Dependency> edges;
    for (const Dependency& d : DependentsOf(catalog_, object)) {
      auto it = edges.find(d.object);
      if (it == edges.end()) {
        edges.emplace(d.object, d);
      } else if (d.type != DependencyType::kNormal) {
        it->second.type = d.type;  // an auto edge makes the dependent go silently
      }
    }
    std::vector<Dependency> order;
    for (auto& [addr, d] : edges) order.push_back(d);
    std::stable_sort(order.begin(), order.end(),
                     [](const Dependency& a, const Dependency& b) { return a.object.object_id > b.object.object_id; });
    for (const Dependency& d : order) {
      if (IsTarget(d.object)) continue;
      auto it = index_.find(d.object);
      bool first = it == index_.end();
      if (first) {
        index_[d.object] = found_.size();
        found_.push_back({d.object, d.referenced});
      }
      Found& f = found_[index_[d.object]];
      (d.type == DependencyType::kNormal ? f.normal : f.owned) = true;
      if (first) {
        Visit(d.object);
        post_order_.push_back(index_[d.object]);
      }
    }
  }

  bool IsTarget(const ObjectAddress& a) const {
    return std::any_of(targets_.begin(), targets_.end(), [&](const ObjectAddress& t) { return t.Covers(a); });
  }
  const std::vector<Found>& found() const { return found_; }
  const std::vector<size_t>& post_order() const { return post_order_; }

 private:
  const Catalog& catalog_;
  const std::vector<ObjectAddress>& targets_;
  std::vector<Found> found_;
  std::map<ObjectAddress, size_t> index_;
  std::vector<size_t> post_order_;  // dependents before what they depend on
};

void ClearDefault(CatalogChange& change, uint32_t table_id, int32_t attnum) {
  const TableEntry* t = change->GetTable(table_id);
  if (!t || attnum < 1 || static_cast<size_t>(attnum) > t->columns.size()) return;
  TableEntry updated = *t;
  updated.columns[attnum - 1].default_sql.clear();
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// Removes one dependent object found by the walk (it may be gone already, with an earlier one).
void DropObject(CatalogChange& change, const ObjectAddress& a) {
  if (a.class_id == kPgAttrdefOid) return ClearDefault(change, a.object_id, a.sub_id);
  if (a.class_id == kPgTypeOid) {
    if (change->GetType(a.object_id)) change.RemoveType(a.object_id);
    return;
  }
  if (a.class_id == kPgClassOid && a.sub_id == 0) {
    if (const SequenceEntry* seq = change->GetSequence(a.object_id)) return change.DropSequence(*seq);
    if (const TableEntry* t = change->GetTable(a.object_id)) return change.DropTable(*t);
  }
  const ForeignKeyEntry* fk = nullptr;
  if (a.class_id == kPgConstraintOid) {
    if (const TableEntry* t = change->FindForeignKeyById(a.object_id, &fk)) {
      TableEntry updated = *t;
      std::erase_if(updated.foreign_keys, [&](const ForeignKeyEntry& f) { return f.id == a.object_id; });
      updated.schema_version++;
      return change.PutTable(std::move(updated));
    }
  }
  const IndexEntry* index = nullptr;
  const CheckEntry* check = nullptr;
  bool exists = a.class_id == kPgClassOid ? change->FindRelationById(a.object_id, &index) != nullptr
                : a.class_id == kPgConstraintOid ? change->FindCheckById(a.object_id, &check) != nullptr
                                                 : true;
  if (!exists) return;
  // Indexes and CHECKs only depend on their own table's columns, which take them along; other
  // dependents (foreign keys) are dropped by their own code when they exist.
  throw Error(sqlstate::kFeatureNotSupported, "dropping " + DescribeObject(change.catalog(), a) +
                                                  " with the objects it depends on is not supported yet");
}

}  // namespace

std::string DescribeObject(const Catalog& catalog, const ObjectAddress& a) {
  switch (a.class_id) {
    case kPgClassOid:
      if (a.sub_id == 0) return DescribeRelation(catalog, a.object_id);
      return "column " + ColumnName(catalog, a.object_id, a.sub_id) + " of " + DescribeRelation(catalog, a.object_id);
    case kPgAttrdefOid:
      return "default value for column " + ColumnName(catalog, a.object_id, a.sub_id) + " of " +
             DescribeRelation(catalog, a.object_id);
    case kPgConstraintOid: {
      const CheckEntry* check = nullptr;
      if (const TableEntry* t = catalog.FindCheckById(a.object_id, &check)) {
        return "constraint " + check->name + " on " + DescribeRelation(catalog, t->id);
      }
      const ForeignKeyEntry* fk = nullptr;
      if (const TableEntry* t = catalog.FindForeignKeyById(a.object_id, &fk)) {
        return "constraint " + fk->name + " on " + DescribeRelation(catalog, t->id);
      }
      return "constraint " + std::to_string(a.object_id);
    }
    case kPgNamespaceOid: {
      const SchemaEntry* s = catalog.GetSchema(a.object_id);
      return "schema " + (s ? s->name : std::to_string(a.object_id));
    }
    case kPgTypeOid: {
      const TypeEntry* t = catalog.GetType(a.object_id);
      return "type " + (t ? RelationName(catalog, t->schema_id, t->name) : std::to_string(a.object_id));
    }
    default: return "object " + std::to_string(a.object_id);
  }
}

std::vector<Dependency> DependentsOf(const Catalog& catalog, const ObjectAddress& referenced) {
  return catalog.Dependents(referenced);
}

void RefuseIfViewsDepend(const Catalog& catalog, const ObjectAddress& object, const char* what) {
  for (const Dependency& d : catalog.Dependents(object)) {
    const TableEntry* view = d.object.class_id == kPgClassOid ? catalog.GetTable(d.object.object_id) : nullptr;
    if (!view || !view->is_view()) continue;
    throw Error(sqlstate::kFeatureNotSupported, std::string("cannot ") + what + " " + DescribeObject(catalog, object) +
                                                    " because " + DescribeObject(catalog, d.object) + " uses it")
        .WithDetail("Views refer to relations and columns by name in Kanto; renaming or moving what a view reads is not supported yet.");
  }
}

void DropDependents(CatalogChange& change, const std::vector<ObjectAddress>& targets, bool cascade,
                    std::vector<Error>* notices) {
  const Catalog& catalog = change.catalog();
  Walk walk(catalog, targets);
  for (const ObjectAddress& t : targets) walk.Visit(t);
  const auto& found = walk.found();
  const auto& post = walk.post_order();
  // Reported: the dependents reached only through normal dependencies, in PostgreSQL's order.
  std::vector<std::string> lines;
  std::vector<std::string> cascades;
  for (auto it = post.rbegin(); it != post.rend(); ++it) {
    const Found& f = found[*it];
    if (f.owned) continue;
    lines.push_back(DescribeObject(catalog, f.object) + " depends on " + DescribeObject(catalog, f.via));
    cascades.push_back("drop cascades to " + DescribeObject(catalog, f.object));
  }
  if (!lines.empty() && !cascade) {
    std::string what = targets.size() == 1 ? "cannot drop " + DescribeObject(catalog, targets[0]) +
                                                 " because other objects depend on it"
                                           : std::string("cannot drop desired object(s) because other objects depend on them");
    std::string detail;
    for (const auto& l : lines) detail += (detail.empty() ? "" : "\n") + l;
    throw Error(sqlstate::kDependentObjectsStillExist, what)
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (cascades.size() == 1) {
    notices->push_back(Error(sqlstate::kSuccess, cascades[0]));
  } else if (cascades.size() > 1) {
    std::string detail;
    for (const auto& l : cascades) detail += (detail.empty() ? "" : "\n") + l;
    notices->push_back(Error(sqlstate::kSuccess, "drop cascades to " + std::to_string(cascades.size()) + " other objects")
                           .WithDetail(detail));
  }
  // Which tables go as a whole (their indexes, CHECKs, owned sequences and DEFAULTs go with them),
  // and which lose a column (its indexes, CHECKs and sequence go with it).
  std::set<uint32_t> whole, column_of;
  for (const ObjectAddress& t : targets) (t.sub_id == 0 ? whole : column_of).insert(t.object_id);
  for (const Found& f : found) {
    if (f.object.class_id == kPgClassOid && f.object.sub_id == 0) whole.insert(f.object.object_id);
  }
  std::vector<ObjectAddress> drop;
  for (size_t i : post) {
    const Found& f = found[i];
    uint32_t owner = OwnerTable(catalog, f.object);
    if (owner != 0 && (whole.count(owner) || (f.owned && column_of.count(owner)))) continue;
    drop.push_back(f.object);
  }
  for (const ObjectAddress& a : drop) DropObject(change, a);
}

}  // namespace kanto::commands
