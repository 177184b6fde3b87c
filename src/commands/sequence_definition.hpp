// A sequence's definition from its options (CREATE / ALTER SEQUENCE, serial and identity columns),
// checked as PostgreSQL checks them (22023), and the names and defaults of owned sequences.
#pragma once

#include <optional>
#include <string>

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

// Applies `options` to `seq` (a new sequence when `creating`: unset options take their defaults).
// Sets *restart to the value the sequence restarts from (CREATE, RESTART [WITH]). OWNED BY is the
// caller's.
void ApplySequenceOptions(const ast::SequenceOptions& options, bool creating, SequenceEntry* seq,
                          std::optional<int64_t>* restart);
// A value no earlier sequence had (SequenceEntry::instance).
uint64_t NewSequenceInstance();

// The sequence a serial or identity column of `table` draws from, owned by the column, put into
// the change (named table_column_seq unless `name` is given). Returns its id.
uint32_t CreateOwnedSequence(CatalogChange& change, CommandContext& ctx, const TableEntry& table, uint32_t column,
                             const ast::SequenceOptions& options, bool identity);
// After a sequence was renamed or moved to another schema (`before` as it was, `after` as it is
// now): DEFAULTs written as nextval('old') follow it.
void FollowSequenceInDefaults(CatalogChange& change, const SequenceEntry& before, const SequenceEntry& after);

}  // namespace kanto::commands
