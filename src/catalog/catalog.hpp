// The catalog: schemas, tables, columns and indexes. A Catalog is an immutable snapshot shared by
// readers; a transaction that runs DDL works on a private copy, writes the changed records into its
// storage transaction, and publishes the copy when it commits (see CatalogManager). So DDL is
// transactional: ROLLBACK undoes CREATE TABLE like any row change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/acl.hpp"
#include "catalog/dependency.hpp"
#include "types/enum_type.hpp"
#include "types/logical_type.hpp"

namespace kanto {

// Object ids: PostgreSQL's well-known OIDs for the built-in schemas, user objects from 16384 on.
inline constexpr uint32_t kPgCatalogSchemaId = 11;
inline constexpr uint32_t kPublicSchemaId = 2200;
inline constexpr uint32_t kInformationSchemaId = 13000;
inline constexpr uint32_t kFirstUserObjectId = 16384;
// Storage key prefix under which catalog records live (user tables use their own ids).
inline constexpr uint32_t kCatalogKeyPrefix = 1;

struct ColumnEntry {
  std::string name;
  LogicalType type;
  bool not_null = false;
  std::string default_sql;  // expression text; empty when the column has no default
  // GENERATED ALWAYS ('a') / BY DEFAULT ('d') AS IDENTITY, 0 otherwise; values come from the
  // sequence `identity_sequence` (the column then has no default_sql).
  char identity = 0;
  uint32_t identity_sequence = 0;
  // ADD COLUMN ... DEFAULT constant: the value (in the row field encoding) that rows written before
  // the column existed read for it; empty: they read NULL.
  std::string missing;
  // GENERATED ALWAYS AS (expr) STORED: 's' (pg_attribute.attgenerated), the expression in
  // default_sql; 0 otherwise.
  char generated = 0;
  // attacl: privileges granted on this column alone (GRANT SELECT (col) ...); none: no such grants.
  std::optional<Acl> acl;
};

struct IndexEntry {
  uint32_t id = 0;
  std::string name;
  std::vector<uint32_t> columns;  // positions in the table's column list
  std::vector<bool> descending;
  bool unique = false;
  bool primary = false;
  // Backs a PRIMARY KEY or UNIQUE constraint (not a CREATE [UNIQUE] INDEX): pg_constraint lists it.
  bool constraint = false;
  // UNIQUE NULLS NOT DISTINCT: keys with NULLs conflict like any other.
  bool nulls_not_distinct = false;
  // A key part that is an expression has kExpression in `columns`; the SQL text of the n-th such
  // part is expressions[n] (pg_index.indexprs).
  static constexpr uint32_t kExpression = UINT32_MAX;
  std::vector<std::string> expressions;
  // Partial index: the predicate's SQL text (pg_index.indpred); empty: every row has an entry.
  std::string predicate;
  // INCLUDE columns (positions): recorded with the index, not part of its key or uniqueness.
  std::vector<uint32_t> include;
  // The columns the expressions and the predicate use (positions), for DROP and RENAME COLUMN.
  std::vector<uint32_t> expression_columns;
  // Whether the index's entries need its expressions or predicate evaluated (not just columns).
  bool computed() const { return !expressions.empty() || !predicate.empty(); }
};

// A CHECK constraint (pg_constraint contype 'c'). The expression is kept as SQL text and bound
// against the table's columns by each statement that writes the table.
struct CheckEntry {
  uint32_t id = 0;  // its pg_constraint OID
  std::string name;
  std::string expr_sql;
  std::vector<uint32_t> columns;  // the columns the expression uses (positions), for conkey
  bool validated = true;  // false after ADD ... NOT VALID until VALIDATE CONSTRAINT
  bool no_inherit = false;
};

// A FOREIGN KEY constraint (pg_constraint contype 'f'), kept with its referencing table. Actions
// and the match type use pg_constraint's codes.
struct ForeignKeyEntry {
  static constexpr char kNoAction = 'a', kRestrict = 'r', kCascade = 'c', kSetNull = 'n', kSetDefault = 'd';
  static constexpr char kMatchSimple = 's', kMatchFull = 'f';
  uint32_t id = 0;  // its pg_constraint OID
  std::string name;
  std::vector<uint32_t> columns;      // referencing columns (positions in this table)
  uint32_t ref_table = 0;             // the referenced table's id
  std::vector<uint32_t> ref_columns;  // referenced columns (positions there), pairwise with `columns`
  uint32_t ref_index = 0;             // the referenced table's unique index on ref_columns (conindid)
  char on_update = kNoAction;
  char on_delete = kNoAction;
  // ON DELETE SET NULL / SET DEFAULT (columns): the referencing columns set (empty: all of them).
  std::vector<uint32_t> delete_set_columns;
  char match = kMatchSimple;
  bool deferrable = false;
  bool initially_deferred = false;
  bool validated = true;  // false after ADD ... NOT VALID until VALIDATE CONSTRAINT
};

struct TableEntry {
  uint32_t id = 0;
  uint32_t schema_id = kPublicSchemaId;
  std::string name;
  std::vector<ColumnEntry> columns;
  // The primary key index when the table has one; otherwise rows are keyed by a hidden row id
  // under the index id `rowid_index_id`.
  int primary_index = -1;  // position in `indexes`, -1 without primary key
  uint32_t rowid_index_id = 0;
  std::vector<IndexEntry> indexes;
  std::vector<CheckEntry> checks;
  std::vector<ForeignKeyEntry> foreign_keys;  // the constraints of this (referencing) table
  uint32_t schema_version = 1;
  // Views: the CREATE VIEW statement text (re-bound at each use); empty for tables.
  std::string view_sql;
  // Views: the schemas names resolved in when the view was created (a search_path value), so that
  // the view reads the same tables whatever the session's path is.
  std::string view_search_path;
  uint32_t owner = 10;  // the owning role's id (pg_class.relowner)
  std::optional<Acl> acl;  // relacl: GRANT / REVOKE (none: the owner's default)
  bool is_view() const { return !view_sql.empty(); }

  int FindColumn(std::string_view name) const;  // -1 when absent
  // The CHECK constraint or the index of the PRIMARY KEY / UNIQUE constraint with that name (null when none).
  const CheckEntry* FindCheck(std::string_view name) const;
  const IndexEntry* FindConstraintIndex(std::string_view name) const;
  const ForeignKeyEntry* FindForeignKey(std::string_view name) const;
  // Whether any constraint of the table (key, CHECK or FOREIGN KEY) has that name.
  bool HasConstraint(std::string_view name) const;
  const IndexEntry* FindIndexById(uint32_t id) const;
  const IndexEntry* primary_key() const { return primary_index < 0 ? nullptr : &indexes[primary_index]; }
  // The index id under which rows are stored (primary key or hidden row id).
  uint32_t row_index_id() const { return primary_index < 0 ? rowid_index_id : indexes[primary_index].id; }
  std::vector<LogicalType> column_types() const;
  // Each column's `missing` value (for decoding rows written before columns were added).
  std::vector<std::string> missing_values() const;
};

// A sequence (pg_class relkind 'S'). Its value lives in storage outside the catalog (see
// SequenceStore); this is its definition.
struct SequenceEntry {
  uint32_t id = 0;
  uint32_t schema_id = kPublicSchemaId;
  std::string name;
  LogicalType type = LogicalType(TypeId::kInt8);  // smallint, integer or bigint
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  int64_t start = 1;
  int64_t cache = 1;
  bool cycle = false;
  // OWNED BY table.column (dropped with it); 0 when owned by nothing.
  uint32_t owner_table = 0;
  uint32_t owner_column = 0;  // position in the owner's columns
  bool identity = false;      // the sequence of an identity column
  uint32_t owner = 10;        // the owning role's id
  std::optional<Acl> acl;     // relacl (GRANT ... ON SEQUENCE); none: the owner's default
  // Distinguishes a sequence from an earlier one that had the same id (a rolled-back CREATE).
  uint64_t instance = 0;
};

// A user-defined type (pg_type): CREATE TYPE ... AS ENUM (typtype 'e'). Its array type "_name" has
// OID array_id.
struct TypeEntry {
  static constexpr char kEnum = 'e';
  uint32_t id = 0;
  uint32_t array_id = 0;
  uint32_t schema_id = kPublicSchemaId;
  std::string name;
  uint32_t owner = 10;  // the owning role's id (pg_type.typowner)
  char kind = kEnum;
  std::vector<EnumLabel> labels;  // enums: ascending sort order
};

// The OID of the user-defined type `t` is (or is an array of); 0 for built-in types.
uint32_t UserTypeOid(const LogicalType& t);

struct SchemaEntry {
  uint32_t id = 0;
  std::string name;
  std::string owner = "kanto";
  std::optional<Acl> acl;  // nspacl (GRANT ... ON SCHEMA); none: the owner's default
};

// ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s]: a pg_default_acl row, the privileges objects
// of one kind that `role` creates (in `schema_id`, or anywhere when 0) start with.
struct DefaultAclEntry {
  static constexpr char kTables = 'r', kSequences = 'S', kFunctions = 'f', kTypes = 'T', kSchemas = 'n';
  uint32_t id = 0;         // its pg_default_acl OID
  uint32_t role = 0;       // defaclrole
  uint32_t schema_id = 0;  // defaclnamespace; 0: every schema
  char object_type = kTables;
  Acl acl;  // defaclacl
};

// A role (user). The bootstrap superuser "kanto" (OID 10) always exists.
inline constexpr uint32_t kBootstrapRoleId = 10;
struct RoleEntry {
  uint32_t id = 0;
  std::string name;
  bool superuser = false;
  bool login = false;
  bool createdb = false;
  bool createrole = false;
  bool inherit = true;     // INHERIT: uses the privileges of the roles it is a member of
  bool bypassrls = false;  // BYPASSRLS
  int32_t connection_limit = -1;         // CONNECTION LIMIT; -1: none
  std::optional<int64_t> valid_until;    // VALID UNTIL (timestamptz microseconds); none: forever
  std::string password;  // SCRAM-SHA-256 verifier, empty when the role has no password
  std::string comment;   // COMMENT ON ROLE (pg_shdescription): shared, like the role
  // GRANT role TO this role (pg_auth_members rows whose member is this role), kept with the member.
  struct Membership {
    uint32_t role = 0;     // the role this one is a member of
    uint32_t grantor = 0;  // who granted it
    bool admin = false;    // WITH ADMIN OPTION
  };
  std::vector<Membership> member_of;
};

// PostgreSQL 15's predefined roles (fixed OIDs); they exist in every catalog and cannot log in.
inline constexpr uint32_t kPgReadAllDataRoleId = 6181;
inline constexpr uint32_t kPgWriteAllDataRoleId = 6182;

// A database (pg_database). Databases and roles are shared: every database's catalog holds the
// same list, read from the default keyspace (see docs/databases.md).
inline constexpr uint32_t kTemplate1DatabaseId = 1;
inline constexpr uint32_t kTemplate0DatabaseId = 4;
inline constexpr uint32_t kDefaultDatabaseId = 16383;  // "kanto", in the default keyspace
struct DatabaseEntry {
  uint32_t id = 0;
  std::string name;
  uint32_t owner = kBootstrapRoleId;
  std::string collate = "C", ctype = "C";  // Kanto compares text bytewise, as the C locale does
  bool is_template = false;
  bool allow_connections = true;
  int32_t connection_limit = -1;  // -1: no limit
  std::string keyspace;           // storage keyspace; empty: the default one
  // ALTER DATABASE ... SET name = value: the sessions' defaults (name lower-case, value as SET takes it).
  std::vector<std::pair<std::string, std::string>> settings;
  std::optional<Acl> acl;  // datacl (GRANT ... ON DATABASE); none: the owner's default
};

// A comment (COMMENT ON): a pg_description row, or pg_shdescription for a role. A column's comment
// is on ObjectAddress::Column (sub_id its attnum), a constraint's on ObjectAddress::Constraint.
struct CommentEntry {
  ObjectAddress object;
  std::string text;
};

class Catalog {
 public:
  Catalog();  // the built-in schemas only

  const SchemaEntry* FindSchema(std::string_view name) const;
  const SchemaEntry* GetSchema(uint32_t id) const;
  const TableEntry* FindTable(uint32_t schema_id, std::string_view name) const;
  const TableEntry* GetTable(uint32_t id) const;
  // Finds an index by name in a schema; sets *table to its table.
  const IndexEntry* FindIndex(uint32_t schema_id, std::string_view name, const TableEntry** table) const;
  // The table with id `id`, or the table owning index `id` (then *index is that index, else null).
  const TableEntry* FindRelationById(uint32_t id, const IndexEntry** index) const;
  // The table owning the CHECK constraint with OID `id` (*check is that constraint), or null.
  const TableEntry* FindCheckById(uint32_t id, const CheckEntry** check) const;
  // The table owning the FOREIGN KEY constraint with OID `id` (*fk is that constraint), or null.
  const TableEntry* FindForeignKeyById(uint32_t id, const ForeignKeyEntry** fk) const;
  // The foreign keys that reference table `table_id` (self-references included), with their tables.
  struct Reference {
    const TableEntry* table;  // the referencing table
    const ForeignKeyEntry* fk;
  };
  std::vector<Reference> ReferencesTo(uint32_t table_id) const;
  // True when a table, index or sequence of that name exists in the schema (one namespace).
  bool RelationExists(uint32_t schema_id, std::string_view name) const;

  const SequenceEntry* FindSequence(uint32_t schema_id, std::string_view name) const;
  const SequenceEntry* GetSequence(uint32_t id) const;
  std::vector<const SequenceEntry*> Sequences() const;
  // The sequences owned by a table (serial and identity columns, OWNED BY).
  std::vector<const SequenceEntry*> OwnedSequences(uint32_t table_id) const;
  void PutSequence(SequenceEntry seq);
  void RemoveSequence(uint32_t id);

  // User-defined types (catalog/type_entry.cpp).
  const TypeEntry* FindType(uint32_t schema_id, std::string_view name) const;
  const TypeEntry* GetType(uint32_t id) const;
  // The type whose pg_type OID or whose array type's OID is `oid` (*array tells which), or null.
  const TypeEntry* FindTypeByOid(uint32_t oid, bool* array = nullptr) const;
  std::vector<const TypeEntry*> Types() const;
  void PutType(TypeEntry type);
  void RemoveType(uint32_t id);
  // The LogicalType of the type's values (its current definition).
  LogicalType TypeOf(const TypeEntry& type) const;

  std::vector<const SchemaEntry*> Schemas() const;
  std::vector<const TableEntry*> Tables() const;

  uint32_t AllocateId() { return next_id_++; }
  uint32_t next_id() const { return next_id_; }
  void set_next_id(uint32_t id) { next_id_ = id; }

  const RoleEntry* FindRole(std::string_view name) const;
  const RoleEntry* GetRole(uint32_t id) const;
  std::vector<const RoleEntry*> Roles() const;
  void PutRole(RoleEntry role);
  void RemoveRole(uint32_t id);
  // Role membership, as PostgreSQL's acl.c answers it (catalog/role_membership.cpp).
  // IsMemberOf: `member` is `role`, or a member of it directly or through other roles whatever
  // their INHERIT (is_member_of_role: SET ROLE, ALTER ... OWNER TO); superusers are members of all.
  bool IsMemberOf(uint32_t member, uint32_t role) const;
  // HasPrivilegesOf: `member` uses `role`'s privileges: it is `role`, or reaches it through
  // memberships of roles that INHERIT (has_privs_of_role); superusers have every role's privileges.
  bool HasPrivilegesOf(uint32_t member, uint32_t role) const;
  // IsAdminOf: `member` may GRANT / REVOKE membership in `role` (a superuser, or WITH ADMIN OPTION
  // on it directly or through roles it is a member of; never on itself).
  bool IsAdminOf(uint32_t member, uint32_t role) const;
  // The same questions by role name; false when either role does not exist.
  bool IsMemberOf(std::string_view member, std::string_view role) const;
  bool HasPrivilegesOf(std::string_view member, std::string_view role) const;

  const DatabaseEntry* FindDatabase(std::string_view name) const;
  const DatabaseEntry* GetDatabase(uint32_t id) const;
  std::vector<const DatabaseEntry*> Databases() const;
  void PutDatabase(DatabaseEntry db);
  void RemoveDatabase(uint32_t id);
  // The shared objects (roles, databases) as stored (the bootstrap role stays unless stored), and
  // their version: a catalog published with an older version takes the newer shared objects.
  void SetShared(const std::vector<RoleEntry>& roles, const std::vector<DatabaseEntry>& databases, uint64_t version);
  uint64_t shared_version() const { return shared_version_; }
  // The database this catalog describes, and its name (current_database()).
  uint32_t database_id() const { return database_id_; }
  void set_database_id(uint32_t id) { database_id_ = id; }
  std::string database_name() const;

  void PutSchema(SchemaEntry schema);
  void RemoveSchema(uint32_t id);
  void PutTable(TableEntry table);
  void RemoveTable(uint32_t id);

  // Default privileges (ALTER DEFAULT PRIVILEGES), one entry per (role, schema, object type).
  const DefaultAclEntry* FindDefaultAcl(uint32_t role, uint32_t schema_id, char object_type) const;
  const DefaultAclEntry* GetDefaultAcl(uint32_t id) const;
  std::vector<const DefaultAclEntry*> DefaultAcls() const;  // by id
  void PutDefaultAcl(DefaultAclEntry entry);
  void RemoveDefaultAcl(uint32_t id);

  // Dependencies (see catalog/dependency.hpp). Stored ones are kept per dependent object id.
  void AddDependency(const Dependency& d);  // no-op when already recorded
  // Forgets every stored dependency of object `object_id` (any class, any sub-object).
  void RemoveDependencies(uint32_t object_id);
  // The stored dependencies of object `object_id` (empty when none).
  std::vector<Dependency> StoredDependencies(uint32_t object_id) const;
  void SetStoredDependencies(uint32_t object_id, std::vector<Dependency> deps);
  // Every stored dependency, and those derived from the catalog's structure (indexes, CHECKs,
  // owned sequences, schemas; not column DEFAULTs, which commands find by their text).
  std::vector<Dependency> AllDependencies() const;
  // The dependencies on `referenced` (and on its columns when it is a whole relation), stored and
  // derived, in a stable order: whole-object references first.
  std::vector<Dependency> Dependents(const ObjectAddress& referenced) const;
  // Column `position` of `table` is gone and later columns moved down by one: stored references to
  // them follow. Returns the ids of the objects whose stored dependencies changed.
  std::vector<uint32_t> RenumberColumnReferences(uint32_t table, uint32_t position);

  // Comments, kept per described object id (the object's own and its columns', any class).
  const std::string* FindComment(const ObjectAddress& object) const;  // null when none
  void SetComment(const ObjectAddress& object, std::string text);     // empty text removes it
  std::vector<CommentEntry> CommentsOf(uint32_t object_id) const;
  void SetComments(uint32_t object_id, std::vector<CommentEntry> comments);  // replaces them
  std::vector<const CommentEntry*> Comments() const;                  // every one, by object id

  // Serialized records (see docs/storage-format.md).
  static std::string SerializeTable(const TableEntry& t);
  static TableEntry DeserializeTable(std::string_view data);
  static std::string SerializeType(const TypeEntry& t);
  static TypeEntry DeserializeType(std::string_view data);
  static std::string SerializeSchema(const SchemaEntry& s);
  static SchemaEntry DeserializeSchema(std::string_view data);
  static std::string SerializeSequence(const SequenceEntry& s);
  static SequenceEntry DeserializeSequence(std::string_view data);
  static std::string SerializeRole(const RoleEntry& r);
  static RoleEntry DeserializeRole(std::string_view data);
  static std::string SerializeDatabase(const DatabaseEntry& d);
  static DatabaseEntry DeserializeDatabase(std::string_view data);
  static std::string SerializeDependencies(const std::vector<Dependency>& deps);
  static std::vector<Dependency> DeserializeDependencies(std::string_view data);
  static std::string SerializeComments(const std::vector<CommentEntry>& comments);
  static std::vector<CommentEntry> DeserializeComments(std::string_view data);
  static std::string SerializeDefaultAcl(const DefaultAclEntry& d);
  static DefaultAclEntry DeserializeDefaultAcl(std::string_view data);

 private:
  std::map<uint32_t, RoleEntry> roles_;
  std::map<uint32_t, DatabaseEntry> databases_;
  uint64_t shared_version_ = 0;
  uint32_t database_id_ = kDefaultDatabaseId;
  std::map<uint32_t, SchemaEntry> schemas_;
  std::map<uint32_t, std::shared_ptr<const TableEntry>> tables_;
  std::map<uint32_t, SequenceEntry> sequences_;
  std::map<uint32_t, TypeEntry> types_;
  std::map<uint32_t, std::vector<Dependency>> dependencies_;  // by dependent object id
  std::map<uint32_t, std::vector<CommentEntry>> comments_;    // by described object id
  std::map<uint32_t, DefaultAclEntry> default_acls_;          // by id
  uint32_t next_id_ = kFirstUserObjectId;
};

}  // namespace kanto
