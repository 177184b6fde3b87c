// A column as CREATE TABLE and ALTER TABLE ADD COLUMN define it: name, type, NOT NULL, DEFAULT.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

class CatalogChange;
struct CommandContext;

// The catalog column for `def` of table `table_name`. Key constraints (PRIMARY KEY, UNIQUE) and the
// sequence of a serial or identity column are the caller's (AddColumnSequence); clauses not
// implemented (REFERENCES) throw 0A000; CHECK constraints are the caller's (DefineCheck). The DEFAULT is
// stored as PostgreSQL prints it (expression_text.hpp), read under `session` (its catalog set).
ColumnEntry DefineColumn(const ast::ColumnDef& def, const std::string& table_name, const FunctionContext& session);

// A serial or identity column's sequence, owned by column `column` of `table` (which `change` may not
// hold yet): sets the column's DEFAULT nextval(...) or its identity sequence.
void AddColumnSequence(const ast::ColumnDef& def, CatalogChange& change, CommandContext& ctx, TableEntry* table,
                       uint32_t column);

// The generated columns of `table` (other than `column`) whose expression uses `column`.
std::vector<uint32_t> GeneratedColumnsUsing(const TableEntry& table, uint32_t column);

// Binds column `column`'s DEFAULT (a generation expression: over the other columns, none of them
// generated, immutable, 42P17): it must convert to the column type (42804 naming both types).
void CheckColumnDefault(const Catalog& catalog, const TableEntry& table, size_t column);

}  // namespace kanto::commands
