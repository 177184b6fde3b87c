// Clauses Kanto parses but acts on only in their default form: storage parameters, tablespaces,
// access methods, persistence, ON COMMIT, collations, operator classes, constraint attributes and
// statement options. Each is either what PostgreSQL does anyway (noted where accepted) or refused
// with 0A000 naming the clause, so that nothing is accepted and silently ignored.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

bool Given(const char* s) { return s && *s; }

bool OnValue(const PgQuery__DefElem* d) {
  std::string v = d->arg ? ConstText(d->arg) : "true";
  return v != "false" && v != "off" && v != "0";
}

[[noreturn]] void SyntaxError(const std::string& message, int location) {
  Error e(sqlstate::kSyntaxError, message);
  if (location >= 0) e.WithPosition(location + 1);
  throw e;
}

void CheckFillfactor(const PgQuery__DefElem* d) {
  std::string v = d->arg ? ConstText(d->arg) : "true";
  bool digits = !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    throw Error(sqlstate::kInvalidParameterValue, "invalid value for integer option \"fillfactor\": " + v);
  }
  int n = std::stoi(v);
  if (n < 10 || n > 100) {
    throw Error(sqlstate::kInvalidParameterValue, "value " + v + " out of bounds for option \"fillfactor\"")
        .WithDetail("Valid values are between \"10\" and \"100\".");
  }
}

}  // namespace

void CheckStorageOptions(Node** options, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = options[i]->def_elem;
    std::string name = d->defname;
    // WITH (OIDS = false) is what every table is; PostgreSQL accepts it too, and refuses OIDS = true.
    if (name == "oids" && !Given(d->defnamespace)) {
      if (!OnValue(d)) continue;
      throw Error(sqlstate::kFeatureNotSupported, "tables declared WITH OIDS are not supported");
    }
    // fillfactor only says how full PostgreSQL packs its heap and btree pages, to leave room for
    // updates; Kanto's storage has no such pages and no answer depends on it (pgbench -i sets it).
    if (name == "fillfactor" && !Given(d->defnamespace)) {
      CheckFillfactor(d);
      continue;
    }
    Unsupported("storage parameter " + name, d->location);
  }
}

void CheckTablespace(const char* name, int location) {
  // pg_default is where every relation is; naming it is the default.
  if (!Given(name) || std::string(name) == "pg_default") return;
  Unsupported("TABLESPACE " + std::string(name), location);
}

char CheckNewRelation(const PgQuery__RangeVar* rel, Node** options, size_t n_options, PgQuery__OnCommitAction on_commit,
                      const char* tablespace, const char* access_method) {
  // Rows of an UNLOGGED table survive a crash in PostgreSQL only by chance (it truncates them), and
  // pg_class says 'u'; Kanto has one kind of table, so the clause is refused rather than ignored.
  if (rel->relpersistence && rel->relpersistence[0] == 'u') Unsupported("UNLOGGED", rel->location);
  bool temp = rel->relpersistence && rel->relpersistence[0] == 't';
  if (on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DELETE_ROWS ||
      on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP ||
      on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_PRESERVE_ROWS) {
    if (!temp) {
      throw Error(sqlstate::kInvalidTableDefinition, "ON COMMIT can only be used on temporary tables");
    }
  }
  char action = on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DELETE_ROWS ? 'd'
                : on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP     ? 'x'
                                                                              : 0;
  CheckStorageOptions(options, n_options);
  CheckTablespace(tablespace, rel->location);
  // heap is PostgreSQL's only table access method and the default: naming it changes nothing.
  if (Given(access_method) && std::string(access_method) != "heap") {
    Unsupported("table access method " + std::string(access_method), rel->location);
  }
  return action;
}

void CheckCollation(Node** names, size_t n, int location) {
  if (n == 0) return;
  // Kanto compares text bytewise, which is what these collations do in a UTF-8 database.
  std::string coll = StringValue(names[n - 1]);
  if (coll == "C" || coll == "POSIX" || coll == "default" || coll == "ucs_basic") return;
  Error e(sqlstate::kUndefinedObject, "collation \"" + coll + "\" for encoding \"UTF8\" does not exist");
  if (location >= 0) e.WithPosition(location + 1);
  throw e;
}

void CheckColumnClauses(const PgQuery__ColumnDef* d) {
  if (d->type_name && d->type_name->setof) {
    Error e(sqlstate::kInvalidTableDefinition, "column \"" + std::string(d->colname) + "\" cannot be declared SETOF");
    throw e.WithPosition(d->location + 1);
  }
  if (Given(d->compression)) Unsupported("COMPRESSION", d->location);
  if (d->coll_clause) CheckCollation(d->coll_clause->collname, d->coll_clause->n_collname, d->coll_clause->location);
  // [NOT] DEFERRABLE / INITIALLY ... arrive as items after the constraint they qualify.
  const PgQuery__Constraint* prev = nullptr;
  for (size_t i = 0; i < d->n_constraints; i++) {
    const PgQuery__Constraint* c = d->constraints[i]->constraint;
    const char* clause = nullptr;
    bool is_default = false;
    switch (c->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE: clause = "DEFERRABLE"; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE: clause = "NOT DEFERRABLE", is_default = true; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED: clause = "INITIALLY DEFERRED"; break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE: clause = "INITIALLY IMMEDIATE", is_default = true; break;
      default: prev = c; continue;
    }
    bool deferrable_kind = prev && (prev->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
                                    prev->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
                                    prev->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN);
    if (!deferrable_kind) SyntaxError(std::string("misplaced ") + clause + " clause", c->location);
    // Foreign keys may be deferred (ApplyColumnConstraint applies the clause); keys not yet.
    if (!is_default && prev->contype != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN) Unsupported(clause, c->location);
  }
}

void CheckIndexConstraint(const PgQuery__Constraint* c) {
  if (c->initdeferred) Unsupported("INITIALLY DEFERRED", c->location);  // implies DEFERRABLE
  if (c->deferrable) Unsupported("DEFERRABLE", c->location);
  if (c->n_including) Unsupported("INCLUDE", c->location);
  CheckStorageOptions(c->options, c->n_options);
  CheckTablespace(c->indexspace, c->location);
}

void CheckIndexClauses(const PgQuery__IndexStmt* s) {
  CheckStorageOptions(s->options, s->n_options);
  CheckTablespace(s->table_space, s->relation->location);
  for (size_t i = 0; i < s->n_index_params; i++) {
    const PgQuery__IndexElem* e = s->index_params[i]->index_elem;
    CheckCollation(e->collation, e->n_collation, s->relation->location);
    if (e->n_opclassopts) Unsupported("operator class options", s->relation->location);
    if (e->n_opclass) {
      // A btree operator class of PostgreSQL's (text_pattern_ops, int4_ops, ...) orders and compares
      // as the column's type does in Kanto's bytewise collation; it changes no answer.
      std::string opclass = StringValue(e->opclass[e->n_opclass - 1]);
      bool btree = !Given(s->access_method) || std::string(s->access_method) == "btree";
      bool ops = opclass.size() > 4 && opclass.compare(opclass.size() - 4, 4, "_ops") == 0;
      if (!btree || !ops) Unsupported("operator class " + opclass, s->relation->location);
    }
  }
}

void CheckViewOptions(Node** options, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = options[i]->def_elem;
    Unsupported("CREATE VIEW ... WITH (" + std::string(d->defname) + ")", d->location);
  }
}

void CheckVacuumOptions(const PgQuery__VacuumStmt* s) {
  const char* stmt = s->is_vacuumcmd ? "VACUUM" : "ANALYZE";
  bool analyze = !s->is_vacuumcmd, full = false, disable_page_skipping = false;
  for (size_t i = 0; i < s->n_options; i++) {
    const PgQuery__DefElem* d = s->options[i]->def_elem;
    std::string name = d->defname;
    if (name == "verbose") {
      if (OnValue(d)) Unsupported(std::string(stmt) + " VERBOSE", d->location);
      continue;
    }
    if (name == "skip_locked") continue;  // Kanto's VACUUM takes no lock it could wait for
    if (s->is_vacuumcmd) {
      if (name == "analyze") {
        analyze = OnValue(d);
        continue;
      }
      full = full || (name == "full" && OnValue(d));
      disable_page_skipping = disable_page_skipping || (name == "disable_page_skipping" && OnValue(d));
      // How the space is reclaimed: no effect on any answer, and Kanto compacts in one way.
      if (name == "full" || name == "freeze" || name == "disable_page_skipping" || name == "index_cleanup" ||
          name == "process_toast" || name == "truncate" || name == "parallel") {
        continue;
      }
    }
    SyntaxError("unrecognized " + std::string(stmt) + " option \"" + name + "\"", d->location);
  }
  if (full && disable_page_skipping) {
    throw Error(sqlstate::kFeatureNotSupported, "VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
  }
  for (size_t i = 0; i < s->n_rels; i++) {
    if (s->rels[i]->vacuum_relation->n_va_cols && !analyze) {
      throw Error(sqlstate::kFeatureNotSupported, "ANALYZE option must be specified when a column list is provided");
    }
  }
}

void CheckFuncCallClauses(const PgQuery__FuncCall* f) {
  // f(VARIADIC array) passes the array's elements as the variadic arguments; Kanto would pass the array.
  if (f->func_variadic) Unsupported("VARIADIC", f->location);
}

void CheckSetClauses(const PgQuery__VariableSetStmt* s) {
  if (s->kind != PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE || !Given(s->name)) return;
  std::string name = s->name;
  if (name == "seed") Unsupported("SET seed");  // setseed() is not kept either
}

}  // namespace kanto::parser
