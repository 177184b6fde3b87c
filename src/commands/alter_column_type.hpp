// ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE type [COLLATE coll] [USING expr]: every such
// subcommand of one statement at once, as in PostgreSQL (each USING expression reads the row as it
// was; one rewrite of the rows).
#pragma once

#include <vector>

#include "catalog/catalog.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

class CatalogChange;
struct CommandContext;

// Changes the types of the columns `cmds` name in `table`, in PostgreSQL's order of checks:
// - the column exists (42703), is named once (0A000 "cannot alter type of column "a" twice"), the
//   type exists (42704) and takes the COLLATE given (42804);
// - the old value (or the USING expression: no subqueries, aggregates, window functions) converts
//   to the new type by an assignment cast (42804 with PostgreSQL's HINT), and so does the DEFAULT
//   (42804 "default for column ... cannot be cast automatically ...");
// - no view reads the column (0A000 "cannot alter type of a column used by a view or rule");
// - foreign keys on the column, of the table or referencing it, keep comparable types (42804).
// The rows are then rewritten (unless each change keeps the stored values: varchar(n) to a wider
// varchar or to text, numeric(p,s) to numeric, a wider integer), converting each value (22P02,
// 22001, 22003 ...), with NOT NULL (23502), the CHECK constraints on the columns (23514), the
// unique indexes (23505) and the foreign keys (23503) checked again. An identity column's sequence
// takes the new type (ALTER SEQUENCE ... AS); a serial column's sequence keeps its own.
void AlterColumnTypes(const std::vector<const ast::AlterTableCmd*>& cmds, const TableEntry& table,
                      CatalogChange& change, CommandContext& ctx);

}  // namespace kanto::commands
