// What a DROP takes along, as PostgreSQL's dependency.c decides it: the objects that depend on the
// dropped ones (catalog/dependency.hpp), recursively. Without CASCADE a normal dependent makes the
// DROP fail with 2BP01 ("cannot drop table t because other objects depend on it", a DETAIL line
// per dependent, the CASCADE hint); with CASCADE the dependents are dropped first, with PostgreSQL's
// NOTICE ("drop cascades to view v", or "drop cascades to N other objects" and a DETAIL list).
//
// Usage by a DROP of some objects (the caller then removes the objects themselves):
//   DropDependents(change, {ObjectAddress::Relation(t.id)}, stmt.cascade, &result.notices);
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"

namespace kanto::commands {

// "table t", "view s.v", "column a of table t", "default value for column a of table t",
// "constraint c on table t", "index i", "sequence s", "schema s" (PostgreSQL's getObjectDescription).
std::string DescribeObject(const Catalog& catalog, const ObjectAddress& object);

// The dependencies on `referenced` (stored, derived, and the column DEFAULTs that call nextval on a
// sequence).
std::vector<Dependency> DependentsOf(const Catalog& catalog, const ObjectAddress& referenced);

// Views find what they read by name when they are used, so renaming a relation or column a view
// reads would change the view: refused with 0A000 naming the first such view (`what`: "rename").
void RefuseIfViewsDepend(const Catalog& catalog, const ObjectAddress& object, const char* what);

// Drops what depends on `targets` (not the targets themselves, nor what their own removal takes:
// indexes, CHECKs and owned sequences of a dropped table or column), or throws 2BP01 when a normal
// dependent exists and `cascade` is false. The NOTICEs of a cascade are appended to *notices.
void DropDependents(CatalogChange& change, const std::vector<ObjectAddress>& targets, bool cascade,
                    std::vector<Error>* notices);

}  // namespace kanto::commands
