#include "commands/table_like.hpp"

#include "catalog/search_path.hpp"
#include "commands/relation_names.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

std::vector<LikeSource> ResolveLikeSources(const CatalogChange& change, const ast::CreateTableStmt& stmt) {
  std::vector<LikeSource> out;
  for (const ast::TableLikeClause& clause : stmt.likes) {
    const ast::RangeVar& rv = clause.source;
    RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, clause.location);
    if (!rel.found()) {
      throw At(Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist"), clause.location);
    }
    if (rel.sequence || rel.index) {
      throw At(Error(sqlstate::kWrongObjectType, "relation \"" + rv.name + "\" is invalid in LIKE clause")
                   .WithDetail(std::string("This operation is not supported for ") + (rel.index ? "indexes." : "sequences.")),
               clause.location);
    }
    LikeSource like;
    like.clause = &clause;
    like.table = rel.table;
    out.push_back(std::move(like));
  }
  return out;
}

void AppendLikeColumns(LikeSource& like, TableEntry* t) {
  for (const ColumnEntry& source : like.table->columns) {
    if (t->FindColumn(source.name) >= 0) {
      throw Error(sqlstate::kDuplicateColumn, "column \"" + source.name + "\" specified more than once");
    }
    ColumnEntry c;
    c.name = source.name;
    c.type = source.type;
    c.not_null = source.not_null;
    if (like.includes(ast::TableLikeClause::kDefaults)) c.default_sql = source.default_sql;
    like.positions.push_back(static_cast<uint32_t>(t->columns.size()));
    t->columns.push_back(std::move(c));
  }
}

void AddLikeIdentities(const LikeSource& like, CatalogChange& change, CommandContext& ctx, TableEntry* t) {
  if (!like.includes(ast::TableLikeClause::kIdentity)) return;
  for (size_t i = 0; i < like.table->columns.size(); i++) {
    const ColumnEntry& source = like.table->columns[i];
    if (!source.identity) continue;
    const SequenceEntry* seq = change->GetSequence(source.identity_sequence);
    ast::SequenceOptions options;
    if (seq) {
      options.increment = seq->increment;
      options.start = seq->start;
      options.cache = seq->cache;
      options.cycle = seq->cycle;
      options.min_given = options.max_given = true;
      options.min_value = seq->min_value;
      options.max_value = seq->max_value;
    }
    uint32_t pos = like.positions[i];
    ColumnEntry& c = t->columns[pos];
    c.identity = source.identity;
    c.identity_sequence = CreateOwnedSequence(change, ctx, *t, pos, options, true);
  }
}

void AddLikeChecks(const LikeSource& like, CatalogChange& change, TableEntry* t, std::map<uint32_t, uint32_t>* new_ids) {
  if (!like.includes(ast::TableLikeClause::kConstraints)) return;
  for (const CheckEntry& source : like.table->checks) {
    CheckEntry c = source;
    c.id = change.AllocateId();
    for (uint32_t& col : c.columns) col = like.positions[col];
    (*new_ids)[source.id] = c.id;
    t->checks.push_back(std::move(c));
  }
}

IndexEntry LikeIndex(const CatalogChange& change, const TableEntry& t, const IndexEntry& source,
                     const std::vector<uint32_t>& columns, uint32_t id) {
  IndexEntry idx = source;
  idx.id = id;
  idx.columns = columns;
  idx.primary = idx.constraint = false;
  std::string base = t.name + JoinColumnNames(t, columns);
  idx.name = UniqueName(change.catalog(), t.schema_id, base, "idx");
  // Also free among the new table's own indexes (not in the catalog yet): base_idx1, base_idx2, ...
  auto taken = [&](const std::string& name) {
    for (const IndexEntry& other : t.indexes) {
      if (other.name == name) return true;
    }
    return change->RelationExists(t.schema_id, name);
  };
  for (int n = 1; taken(idx.name); n++) idx.name = base + "_idx" + std::to_string(n);
  return idx;
}

void CopyLikeComments(const LikeSource& like, CatalogChange& change, const TableEntry& t,
                      const std::map<uint32_t, uint32_t>& new_ids) {
  if (!like.includes(ast::TableLikeClause::kComments)) return;
  for (uint32_t i = 0; i < like.table->columns.size(); i++) {
    if (const std::string* text = change->FindComment(ObjectAddress::Column(like.table->id, i))) {
      change.SetComment(ObjectAddress::Column(t.id, like.positions[i]), *text);
    }
  }
  for (const auto& [source, copy] : new_ids) {
    bool index = like.table->FindIndexById(source) != nullptr;
    ObjectAddress from = index ? ObjectAddress::Relation(source) : ObjectAddress::Constraint(source);
    if (const std::string* text = change->FindComment(from)) {
      change.SetComment(index ? ObjectAddress::Relation(copy) : ObjectAddress::Constraint(copy), *text);
    }
  }
}

}  // namespace kanto::commands
