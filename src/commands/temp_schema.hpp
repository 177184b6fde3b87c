// Temporary objects: each session's schema pg_temp_N, created in the transaction of its first
// CREATE TEMP ..., emptied and dropped when the session ends (and, for what a crash left behind, when
// the database opens); ON COMMIT DELETE ROWS / DROP applied before a transaction commits.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "commands/command_context.hpp"

namespace kanto::commands {

// The session's temporary schema `name`: created, or (when a session that ended without cleaning
// up left one of that name) emptied. Returns its id.
uint32_t MakeTempSchema(CatalogChange& change, const std::string& name);

// Drops every relation of the schema, and the schema.
void DropTempSchema(CatalogChange& change, uint32_t schema_id);

// Before commit: deletes the rows of the tables marked 'd' and drops those marked 'x' (tables that
// no longer exist in `schema_id` are skipped).
void ApplyOnCommitActions(CommandContext& ctx, uint32_t schema_id, const std::map<uint32_t, char>& actions);

// The schema a CREATE [TEMP] statement puts `rv` in. A temporary relation goes to the session's
// temporary schema (42P16 when another schema is named); so does one created unqualified or in
// pg_temp while the temporary schema is the creation schema. *temporary says which it became.
uint32_t CreationSchemaFor(CatalogChange& change, const CommandContext& ctx, const ast::RangeVar& rv, bool* temporary);

}  // namespace kanto::commands
