// CREATE DATABASE, ALTER DATABASE (options, RENAME TO, OWNER TO, SET / RESET) and DROP DATABASE.
// The checks and their order follow PostgreSQL 15 (dbcommands.c); the keyspaces and sessions are
// the DatabaseDirectory's (main/cluster.cpp). CREATE and DROP commit at once and so refuse to run in
// a transaction block; ALTER changes the shared record in the session's transaction.
#include <cctype>
#include <cstdlib>

#include "catalog/object_acl.hpp"
#include "commands/commands.hpp"
#include "commands/database_directory.hpp"
#include "kanto/error.hpp"
#include "parser/ast_database.hpp"

namespace kanto::commands {

namespace {

constexpr const char* kDuplicateDatabase = "42P04";

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ParseBool(const ast::DatabaseOption& o) {
  std::string v = Lower(o.text);
  if (o.has_value) {
    if (v == "true" || v == "on" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "off" || v == "0" || v == "no") return false;
  }
  throw Error(sqlstate::kSyntaxError, o.name + " requires a Boolean value");
}

int32_t ParseInt32(const ast::DatabaseOption& o) {
  if (!o.has_value || !o.is_number || o.text.find('.') != std::string::npos) {
    throw Error(sqlstate::kSyntaxError, o.name + " requires an integer value");
  }
  return static_cast<int32_t>(std::strtol(o.text.c_str(), nullptr, 10));
}

int32_t ParseConnectionLimit(const ast::DatabaseOption& o) {
  int32_t limit = ParseInt32(o);
  if (limit < -1) throw Error(sqlstate::kInvalidParameterValue, "invalid connection limit: " + std::to_string(limit));
  return limit;
}

[[noreturn]] void NotRecognized(const ast::DatabaseOption& o) {
  throw Error(sqlstate::kSyntaxError, "option \"" + o.name + "\" not recognized").WithPosition(o.location + 1);
}

// Each option at most once (42601 "conflicting or redundant options").
void CheckNoDuplicates(const std::vector<ast::DatabaseOption>& options) {
  for (size_t i = 0; i < options.size(); i++) {
    for (size_t j = 0; j < i; j++) {
      if (options[i].name == options[j].name) {
        throw Error(sqlstate::kSyntaxError, "conflicting or redundant options").WithPosition(options[i].location + 1);
      }
    }
  }
}

// Kanto stores text as UTF-8 only; PostgreSQL's other encoding names are refused as unsupported.
void CheckEncoding(const ast::DatabaseOption& o) {
  if (!o.has_value) return;  // DEFAULT: the template's (UTF8)
  std::string v = Lower(o.text);
  if (o.is_number) {
    if (v == "6") return;
    int code = std::atoi(v.c_str());
    if (code < 0 || code > 41) {
      throw Error(sqlstate::kUndefinedObject, o.text + " is not a valid encoding code").WithPosition(o.location + 1);
    }
    throw Error(sqlstate::kFeatureNotSupported, "encodings other than UTF8 are not supported");
  }
  std::string bare;
  for (char c : v) {
    if (c != '_' && c != '-') bare += c;
  }
  if (bare == "utf8" || bare == "unicode") return;
  static const char* const kEncodings[] = {
      "sqlascii", "eucjp", "euccn", "euckr", "euctw", "eucjis2004", "muleinternal", "latin1", "latin2", "latin3",
      "latin4", "latin5", "latin6", "latin7", "latin8", "latin9", "latin10", "win1256", "win1258", "win866",
      "win874", "koi8r", "koi8", "win1251", "win1252", "iso88595", "iso88596", "iso88597", "iso88598", "win1250",
      "win1253", "win1254", "win1255", "win1257", "koi8u", "sjis", "big5", "gbk", "uhc", "gb18030", "johab",
      "shiftjis2004", "win", "alt", "win932", "win936", "win949", "win950", "cp932", "cp936", "cp949", "cp950",
      "mskanji", "shiftjis", "tcvn", "tcvn5712", "vscii", "abc", "iso885910", "iso885913", "iso885914",
      "iso885915", "iso885916"};
  for (const char* e : kEncodings) {
    if (bare == e) throw Error(sqlstate::kFeatureNotSupported, "encoding \"" + o.text + "\" is not supported")
                          .WithDetail("Kanto stores text in UTF8 only.");
  }
  throw Error(sqlstate::kUndefinedObject, o.text + " is not a valid encoding name").WithPosition(o.location + 1);
}

// Text compares bytewise in Kanto: what the C locale (and C.UTF-8, code point order) does.
std::string CheckLocale(const ast::DatabaseOption& o, const char* what) {
  if (o.text == "C" || o.text == "POSIX" || o.text == "C.UTF-8" || o.text == "C.utf8") return o.text;
  throw Error(sqlstate::kFeatureNotSupported, std::string(what) + " \"" + o.text + "\" is not supported")
      .WithDetail("Kanto compares text bytewise, as the C locale does.");
}

const DatabaseEntry& Existing(const Catalog& catalog, const std::string& name) {
  const DatabaseEntry* db = catalog.FindDatabase(name);
  if (!db) throw Error(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
  return *db;
}

const RoleEntry* CurrentRole(const Catalog& catalog, const CommandContext& ctx) {
  return catalog.FindRole(ctx.fn.current_user);
}

bool HasCreatedb(const Catalog& catalog, const CommandContext& ctx) {
  const RoleEntry* me = CurrentRole(catalog, ctx);
  return me && (me->superuser || me->createdb);
}

void RequireOwner(const Catalog& catalog, const CommandContext& ctx, const DatabaseEntry& db) {
  const RoleEntry* me = CurrentRole(catalog, ctx);
  if (me && catalog.HasPrivilegesOf(me->id, db.owner)) return;
  throw Error(sqlstate::kInsufficientPrivilege, "must be owner of database " + db.name);
}

// A role named in OWNER / OWNER TO, resolved (42704 when there is none).
const RoleEntry& ResolveOwner(const Catalog& catalog, const CommandContext& ctx, const ast::RoleName& name) {
  std::string role = name.kind == ast::RoleName::Kind::kName ? name.name : ctx.fn.current_user;
  const RoleEntry* r = catalog.FindRole(role);
  if (!r) throw Error(sqlstate::kUndefinedObject, "role \"" + role + "\" does not exist");
  return *r;
}

// OWNER / OWNER TO a role one may SET ROLE to (PostgreSQL's check_is_member_of_role).
void RequireMember(const Catalog& catalog, const CommandContext& ctx, const RoleEntry& role) {
  const RoleEntry* me = CurrentRole(catalog, ctx);
  if (me && catalog.IsMemberOf(me->id, role.id)) return;
  throw Error(sqlstate::kInsufficientPrivilege, "must be member of role \"" + role.name + "\"");
}

void RequireNotInBlock(const CommandContext& ctx, const char* command) {
  if (ctx.in_transaction_block) {
    throw Error(sqlstate::kActiveSqlTransaction, std::string(command) + " cannot run inside a transaction block");
  }
}

CommandResult CreateDatabase(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  RequireNotInBlock(ctx, "CREATE DATABASE");
  CheckNoDuplicates(stmt.options);
  auto catalog = ctx.catalog();
  const ast::DatabaseOption *owner = nullptr, *templ = nullptr, *locale = nullptr, *collate = nullptr, *ctype = nullptr;
  DatabaseEntry entry;
  entry.name = stmt.name;
  for (const auto& o : stmt.options) {
    if (o.name == "owner") {
      owner = &o;
    } else if (o.name == "template") {
      templ = &o;
    } else if (o.name == "encoding") {
      CheckEncoding(o);
    } else if (o.name == "locale") {
      locale = &o;
    } else if (o.name == "lc_collate") {
      collate = &o;
    } else if (o.name == "lc_ctype") {
      ctype = &o;
    } else if (o.name == "connection_limit") {
      entry.connection_limit = ParseConnectionLimit(o);
    } else if (o.name == "is_template") {
      entry.is_template = ParseBool(o);
    } else if (o.name == "allow_connections") {
      entry.allow_connections = ParseBool(o);
    } else if (o.name == "tablespace") {
      if (o.has_value && o.text != "pg_default") {
        throw Error(sqlstate::kUndefinedObject, "tablespace \"" + o.text + "\" does not exist");
      }
    } else if (o.name == "strategy") {
      std::string v = Lower(o.text);
      if (v != "wal_log" && v != "file_copy") {
        throw Error(sqlstate::kInvalidParameterValue, "invalid create database strategy \"" + o.text + "\"")
            .WithHint("Valid strategies are \"wal_log\" and \"file_copy\".");
      }
    } else if (o.name == "locale_provider") {
      if (Lower(o.text) != "libc") throw Error(sqlstate::kFeatureNotSupported, "LOCALE_PROVIDER " + o.text + " is not supported");
    } else if (o.name == "icu_locale" || o.name == "collation_version" || o.name == "oid" || o.name == "location") {
      std::string clause = Lower(o.name);
      for (auto& c : clause) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      throw Error(sqlstate::kFeatureNotSupported, "CREATE DATABASE ... " + clause + " is not supported");
    } else {
      NotRecognized(o);
    }
  }
  if (locale && (collate || ctype)) {
    throw Error(sqlstate::kSyntaxError, "conflicting or redundant options")
        .WithDetail("LOCALE cannot be specified together with LC_COLLATE or LC_CTYPE.");
  }
  // The owner, and the right to create databases (and to give them to that owner).
  const RoleEntry* owner_role = owner && owner->has_value ? catalog->FindRole(owner->text) : CurrentRole(*catalog, ctx);
  if (owner && owner->has_value && !owner_role) {
    throw Error(sqlstate::kUndefinedObject, "role \"" + owner->text + "\" does not exist");
  }
  if (!HasCreatedb(*catalog, ctx)) throw Error(sqlstate::kInsufficientPrivilege, "permission denied to create database");
  if (owner_role) RequireMember(*catalog, ctx, *owner_role);
  entry.owner = owner_role ? owner_role->id : kBootstrapRoleId;
  // The template.
  std::string template_name = templ && templ->has_value ? templ->text : "template1";
  const DatabaseEntry* source = catalog->FindDatabase(template_name);
  if (!source) throw Error(sqlstate::kInvalidCatalogName, "template database \"" + template_name + "\" does not exist");
  if (!source->is_template) {
    const RoleEntry* me = CurrentRole(*catalog, ctx);
    if (!me || !(me->superuser || me->id == source->owner)) {
      throw Error(sqlstate::kInsufficientPrivilege, "permission denied to copy database \"" + template_name + "\"");
    }
  }
  // Locales: those of the template unless given; another one only when copying template0.
  entry.collate = source->collate;
  entry.ctype = source->ctype;
  if (locale && locale->has_value) entry.collate = entry.ctype = CheckLocale(*locale, "LOCALE");
  if (collate && collate->has_value) entry.collate = CheckLocale(*collate, "LC_COLLATE");
  if (ctype && ctype->has_value) entry.ctype = CheckLocale(*ctype, "LC_CTYPE");
  if (source->id != kTemplate0DatabaseId) {
    if (entry.collate != source->collate) {
      throw Error(sqlstate::kInvalidParameterValue, "new collation (" + entry.collate +
                                                        ") is incompatible with the collation of the template database (" +
                                                        source->collate + ")")
          .WithHint("Use the same collation as in the template database, or use template0 as template.");
    }
    if (entry.ctype != source->ctype) {
      throw Error(sqlstate::kInvalidParameterValue, "new LC_CTYPE (" + entry.ctype +
                                                        ") is incompatible with the LC_CTYPE of the template database (" +
                                                        source->ctype + ")")
          .WithHint("Use the same LC_CTYPE as in the template database, or use template0 as template.");
    }
  }
  if (catalog->FindDatabase(stmt.name)) {
    throw Error(kDuplicateDatabase, "database \"" + stmt.name + "\" already exists");
  }
  ctx.databases->Create(std::move(entry), *source);
  return {"CREATE DATABASE"};
}

CommandResult DropDatabase(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  RequireNotInBlock(ctx, "DROP DATABASE");
  auto catalog = ctx.catalog();
  const DatabaseEntry* db = catalog->FindDatabase(stmt.name);
  if (!db) {
    if (!stmt.if_exists) throw Error(sqlstate::kInvalidCatalogName, "database \"" + stmt.name + "\" does not exist");
    CommandResult r("DROP DATABASE");
    r.notices.push_back(Error(sqlstate::kSuccess, "database \"" + stmt.name + "\" does not exist, skipping"));
    return r;
  }
  RequireOwner(*catalog, ctx, *db);
  if (db->is_template) throw Error(sqlstate::kWrongObjectType, "cannot drop a template database");
  if (db->id == ctx.database_id) throw Error(sqlstate::kObjectInUse, "cannot drop the currently open database");
  if (db->keyspace.empty()) {
    // Its keys are the default keyspace's, among what every database shares.
    throw Error(sqlstate::kFeatureNotSupported, "dropping the default database \"" + db->name + "\" is not supported");
  }
  ctx.databases->Drop(*db, stmt.force);
  return {"DROP DATABASE"};
}

// ALTER DATABASE name [WITH] CONNECTION LIMIT n | ALLOW_CONNECTIONS b | IS_TEMPLATE b.
CommandResult AlterDatabase(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  CheckNoDuplicates(stmt.options);
  const ast::DatabaseOption *limit = nullptr, *allow = nullptr, *is_template = nullptr;
  for (const auto& o : stmt.options) {
    if (o.name == "connection_limit") {
      limit = &o;
      ParseConnectionLimit(o);
    } else if (o.name == "allow_connections") {
      allow = &o;
      ParseBool(o);
    } else if (o.name == "is_template") {
      is_template = &o;
      ParseBool(o);
    } else if (o.name == "tablespace") {
      throw Error(sqlstate::kFeatureNotSupported, "ALTER DATABASE ... SET TABLESPACE is not supported");
    } else {
      NotRecognized(o);
    }
  }
  CatalogChange change(ctx);
  DatabaseEntry db = Existing(change.catalog(), stmt.name);
  RequireOwner(change.catalog(), ctx, db);
  if (allow) {
    db.allow_connections = ParseBool(*allow);
    if (!db.allow_connections && db.id == ctx.database_id) {
      throw Error(sqlstate::kInvalidParameterValue, "cannot disallow connections for current database");
    }
  }
  if (limit) db.connection_limit = ParseConnectionLimit(*limit);
  if (is_template) db.is_template = ParseBool(*is_template);
  change.PutDatabase(std::move(db));
  change.Publish();
  return {"ALTER DATABASE"};
}

CommandResult RenameDatabase(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  DatabaseEntry db = Existing(change.catalog(), stmt.name);
  RequireOwner(change.catalog(), ctx, db);
  if (!HasCreatedb(change.catalog(), ctx)) throw Error(sqlstate::kInsufficientPrivilege, "permission denied to rename database");
  if (change->FindDatabase(stmt.new_name)) {
    throw Error(kDuplicateDatabase, "database \"" + stmt.new_name + "\" already exists");
  }
  if (db.id == ctx.database_id) throw Error(sqlstate::kFeatureNotSupported, "current database cannot be renamed");
  if (int others = ctx.databases->OtherSessions(db.id); others > 0) {
    throw Error(sqlstate::kObjectInUse, "database \"" + db.name + "\" is being accessed by other users")
        .WithDetail(OtherSessionsDetail(others));
  }
  db.name = stmt.new_name;
  change.PutDatabase(std::move(db));
  change.Publish();
  return {"ALTER DATABASE"};
}

CommandResult AlterOwner(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  DatabaseEntry db = Existing(change.catalog(), stmt.name);
  const RoleEntry& owner = ResolveOwner(change.catalog(), ctx, stmt.owner);
  if (db.owner != owner.id) {
    RequireOwner(change.catalog(), ctx, db);
    RequireMember(change.catalog(), ctx, owner);
    if (!HasCreatedb(change.catalog(), ctx)) {
      throw Error(sqlstate::kInsufficientPrivilege, "permission denied to change owner of database");
    }
    db.acl = AclNewOwner(db.acl, db.owner, owner.id);  // (the old owner's grants become the new one's)
    db.owner = owner.id;
    change.PutDatabase(std::move(db));
  }
  change.Publish();
  return {"ALTER DATABASE"};
}

// ALTER DATABASE name SET setting = value / TO DEFAULT, RESET setting, RESET ALL: the defaults of
// the sessions that connect to it later.
CommandResult SetDefault(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  const ast::SetStmt& set = *stmt.set;
  using T = ast::SetStmt::Type;
  if (set.type == T::kSetTransaction || set.type == T::kSetSessionCharacteristics) {
    throw Error(sqlstate::kFeatureNotSupported, "ALTER DATABASE ... SET of transaction characteristics is not supported");
  }
  CatalogChange change(ctx);
  DatabaseEntry db = Existing(change.catalog(), stmt.name);
  RequireOwner(change.catalog(), ctx, db);
  std::string known;
  if (set.type != T::kResetAll && set.name.find('.') == std::string::npos &&
      !(ctx.fn.settings && ctx.fn.settings->Get(set.name, &known))) {
    throw Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + set.name + "\"");
  }
  auto& settings = db.settings;
  if (set.type == T::kResetAll) {
    settings.clear();
  } else {
    for (auto it = settings.begin(); it != settings.end();) it = it->first == set.name ? settings.erase(it) : it + 1;
    if (set.type == T::kSet) {
      std::string value;
      for (size_t i = 0; i < set.values.size(); i++) value += (i ? ", " : "") + set.values[i];
      settings.emplace_back(set.name, value);
    }
  }
  change.PutDatabase(std::move(db));
  change.Publish();
  return {"ALTER DATABASE"};
}

}  // namespace

std::string OtherSessionsDetail(int sessions) {
  if (sessions == 1) return "There is 1 other session using the database.";
  return "There are " + std::to_string(sessions) + " other sessions using the database.";
}

CommandResult Execute(const ast::DatabaseStmt& stmt, CommandContext& ctx) {
  if (!ctx.databases) throw Error(sqlstate::kFeatureNotSupported, "database statements are not supported here");
  using A = ast::DatabaseStmt::Action;
  switch (stmt.action) {
    case A::kCreate: return CreateDatabase(stmt, ctx);
    case A::kDrop: return DropDatabase(stmt, ctx);
    case A::kAlter: return AlterDatabase(stmt, ctx);
    case A::kRename: return RenameDatabase(stmt, ctx);
    case A::kOwner: return AlterOwner(stmt, ctx);
    case A::kSet: return SetDefault(stmt, ctx);
  }
  return {};
}

}  // namespace kanto::commands
