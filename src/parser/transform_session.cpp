// Session statements: transaction control (BEGIN/START/COMMIT/ROLLBACK/SAVEPOINT ... with
// isolation and access-mode options), SET / SET LOCAL / RESET / SET TRANSACTION, and LISTEN /
// UNLISTEN / NOTIFY.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {
void ApplyTransactionOptions(Node** options, size_t n, ast::TransactionModes* modes) {
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = options[i]->def_elem;
    std::string name = d->defname;
    std::string value = ConstText(d->arg);
    bool on = value == "1" || value == "on";
    if (name == "transaction_isolation") modes->isolation = value;
    if (name == "transaction_read_only") modes->read_only = on;
    if (name == "transaction_deferrable") modes->deferrable = on;
  }
}

}  // namespace

std::string ConstText(const Node* n) {
  if (!n) return "";
  if (n->node_case == PG_QUERY__NODE__NODE_A_CONST) {
    const PgQuery__AConst* c = n->a_const;
    switch (c->val_case) {
      case PG_QUERY__A__CONST__VAL_SVAL: return c->sval->sval;
      case PG_QUERY__A__CONST__VAL_IVAL: return std::to_string(c->ival->ival);
      case PG_QUERY__A__CONST__VAL_FVAL: return c->fval->fval;
      case PG_QUERY__A__CONST__VAL_BOOLVAL: return c->boolval->boolval ? "on" : "off";
      default: return "";
    }
  }
  if (n->node_case == PG_QUERY__NODE__NODE_STRING) return n->string->sval;
  if (n->node_case == PG_QUERY__NODE__NODE_INTEGER) return std::to_string(n->integer->ival);
  if (n->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return n->boolean->boolval ? "on" : "off";
  if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) return ConstText(n->type_cast->arg);
  return "";
}

ast::StatementPtr TransformTransaction(const PgQuery__TransactionStmt* s) {
  auto out = std::make_unique<ast::TransactionStmt>();
  using T = ast::TransactionStmt::Type;
  switch (s->kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN: out->type = T::kBegin; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START: out->type = T::kStart; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT: out->type = T::kCommit; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK: out->type = T::kRollback; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT: out->type = T::kSavepoint; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE: out->type = T::kRelease; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO: out->type = T::kRollbackTo; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE: out->type = T::kPrepare; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED: out->type = T::kCommitPrepared; break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED: out->type = T::kRollbackPrepared; break;
    default: Unsupported("this transaction statement");
  }
  if (s->savepoint_name) out->savepoint = s->savepoint_name;
  if (s->gid) out->gid = s->gid;
  out->chain = s->chain;
  ApplyTransactionOptions(s->options, s->n_options, &out->modes);
  return out;
}

ast::StatementPtr TransformNotify(const Node* n) {
  auto out = std::make_unique<ast::NotifyStmt>();
  using A = ast::NotifyStmt::Action;
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
      out->action = A::kListen;
      out->channel = n->listen_stmt->conditionname;
      break;
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
      out->action = n->unlisten_stmt->conditionname && *n->unlisten_stmt->conditionname ? A::kUnlisten : A::kUnlistenAll;
      if (out->action == A::kUnlisten) out->channel = n->unlisten_stmt->conditionname;
      break;
    default:
      out->action = A::kNotify;
      out->channel = n->notify_stmt->conditionname;
      if (n->notify_stmt->payload) out->payload = n->notify_stmt->payload;
      break;
  }
  return out;
}

ast::StatementPtr TransformSet(const PgQuery__VariableSetStmt* s) {
  CheckSetClauses(s);
  auto out = std::make_unique<ast::SetStmt>();
  std::string name = s->name ? s->name : "";
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  out->name = name;
  out->is_local = s->is_local;
  switch (s->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE:
      out->type = ast::SetStmt::Type::kSet;
      for (size_t i = 0; i < s->n_args; i++) out->values.push_back(ConstText(s->args[i]));
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT: out->type = ast::SetStmt::Type::kSetDefault; break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET: out->type = ast::SetStmt::Type::kReset; break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL: out->type = ast::SetStmt::Type::kResetAll; break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI: {
      if (name == "transaction snapshot") Unsupported("SET TRANSACTION SNAPSHOT");
      out->type = name == "transaction" ? ast::SetStmt::Type::kSetTransaction
                                        : ast::SetStmt::Type::kSetSessionCharacteristics;
      ApplyTransactionOptions(s->args, s->n_args, &out->modes);
      break;
    }
    default:
      Unsupported("SET FROM CURRENT");
  }
  return out;
}

}  // namespace kanto::parser
