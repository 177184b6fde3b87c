// FOREIGN KEY constraints as CREATE TABLE and ALTER TABLE ADD CONSTRAINT define them: the
// referenced table and columns (its primary key when none are named) with the unique index behind
// them (42830 without one), comparable column types (42804), PostgreSQL's generated names
// (t_a_b_fkey, then t_a_b_fkey1, ...), and the check of the rows already stored.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

struct CommandContext;
class CatalogChange;

// The foreign key `con` of `table` (as it will be, with its indexes; it may be the table being
// created, which then may reference itself), with id `id`. `column`: for a column's REFERENCES,
// that column's position (-1 for a table constraint). `others`: foreign keys of the same table
// defined by the same statement (their names are taken). `user` needs REFERENCES on the
// referenced table (42501 "permission denied for table t", as PostgreSQL's checkFkeyPermissions).
ForeignKeyEntry DefineForeignKey(const Catalog& catalog, const TableEntry& table, const ast::TableConstraint& con,
                                 int column, uint32_t id, const std::vector<ForeignKeyEntry>& others,
                                 const std::string& user);

// 42804 "foreign key constraint ... cannot be implemented" when a referencing column of `table`
// cannot be compared with its referenced column of `ref` (which may be `table` itself).
void CheckForeignKeyTypes(const TableEntry& table, const TableEntry& ref, const ForeignKeyEntry& fk);

// Fails with 23503 when a stored row of `table` has no referenced row.
void ValidateForeignKeyRows(CommandContext& ctx, const Catalog& catalog, const TableEntry& table,
                            const ForeignKeyEntry& fk);

// ALTER TABLE DROP CONSTRAINT of a key (`object`: "constraint p_pkey on table p") of `table`: the
// foreign keys of other tables that `depends` says depend on it (on `depends_on`, "index p_pkey").
// Without `cascade` the first fails with 2BP01 "cannot drop <object> because other objects depend
// on it"; with it they are removed from their tables, with PostgreSQL's NOTICE each. (DROP TABLE,
// INDEX and COLUMN find foreign keys through commands/dependents.hpp.)
void DropDependentForeignKeys(CatalogChange& change, const TableEntry& table, const std::string& object,
                              const std::string& depends_on, const std::function<bool(const ForeignKeyEntry&)>& depends,
                              bool cascade, std::vector<Error>* notices);

}  // namespace kanto::commands
