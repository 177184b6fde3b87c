// Dependencies between catalog objects, as PostgreSQL's pg_depend records them: "object depends on
// referenced". DROP of a referenced object refuses (2BP01) while normal dependents exist, unless
// CASCADE, which drops them too; auto dependents go silently with what they depend on; an internal
// dependent is part of the referenced object (dropping it alone is refused).
//
// Two kinds of dependency exist in Kanto:
// - Stored: a view on the relations and columns it reads, a foreign key on the referenced table and
//   columns. Written with the catalog (Catalog::AddDependency / RemoveDependencies, one record per
//   dependent object id; see docs/storage-format.md).
// - Derived from the catalog's own structure, never stored (Catalog::DerivedDependencies): an index
//   on its table (auto), a CHECK constraint on its columns (auto), a sequence OWNED BY a column (auto;
//   internal for identity columns), a column DEFAULT calling nextval('s') on s (normal), a relation
//   on its schema (normal), a column on the user-defined type it has (normal), a type on its schema
//   (normal), a foreign key on its own columns (auto) and on the referenced columns
//   and unique index (normal).
//
// API for other commands (foreign keys and the like), all through commands::CatalogChange so that
// the records are written in the statement's transaction:
//   change.AddDependency({ObjectAddress::Constraint(fk_id), ObjectAddress::Column(parent_id, col),
//                         DependencyType::kNormal});
//   change.RemoveDependencies(fk_id);               // when the dependent object goes
//   catalog.Dependents(ObjectAddress::Relation(t))   // stored and derived, of t and its columns
#pragma once

#include <compare>
#include <cstdint>
#include <vector>

namespace kanto {

// PostgreSQL's catalog OIDs, used as pg_depend.classid / refclassid.
inline constexpr uint32_t kPgClassOid = 1259;       // tables, views, indexes, sequences (and columns: sub_id)
inline constexpr uint32_t kPgConstraintOid = 2606;  // CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY
inline constexpr uint32_t kPgAttrdefOid = 2604;     // a column's DEFAULT (object_id = table, sub_id = attnum)
inline constexpr uint32_t kPgNamespaceOid = 2615;   // schemas
inline constexpr uint32_t kPgAuthidOid = 1260;      // roles (pg_shdescription.classoid)
inline constexpr uint32_t kPgTypeOid = 1247;        // user-defined types (CREATE TYPE)

struct ObjectAddress {
  uint32_t class_id = kPgClassOid;
  uint32_t object_id = 0;
  int32_t sub_id = 0;  // a column's attnum (position + 1) for relations; 0: the whole object

  static ObjectAddress Relation(uint32_t id) { return {kPgClassOid, id, 0}; }
  // Column `position` (0-based) of relation `table`.
  static ObjectAddress Column(uint32_t table, uint32_t position) {
    return {kPgClassOid, table, static_cast<int32_t>(position + 1)};
  }
  static ObjectAddress Constraint(uint32_t id) { return {kPgConstraintOid, id, 0}; }
  static ObjectAddress Default(uint32_t table, uint32_t position) {
    return {kPgAttrdefOid, table, static_cast<int32_t>(position + 1)};
  }
  static ObjectAddress Schema(uint32_t id) { return {kPgNamespaceOid, id, 0}; }
  static ObjectAddress Type(uint32_t id) { return {kPgTypeOid, id, 0}; }

  // True when `other` is this object or (this being a whole object) one of its columns.
  bool Covers(const ObjectAddress& other) const {
    return class_id == other.class_id && object_id == other.object_id && (sub_id == 0 || sub_id == other.sub_id);
  }
  auto operator<=>(const ObjectAddress&) const = default;
};

enum class DependencyType : char { kNormal = 'n', kAuto = 'a', kInternal = 'i' };

struct Dependency {
  ObjectAddress object;      // the dependent
  ObjectAddress referenced;  // what it depends on
  DependencyType type = DependencyType::kNormal;
  bool operator==(const Dependency&) const = default;
};

}  // namespace kanto
