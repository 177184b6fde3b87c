// The ACLs of sequences, schemas and databases as they stand (their own, or the kind's default:
// PostgreSQL's acldefault), the privilege checks statements make on them (42501 "permission
// denied for sequence s" / "... for schema s", as PostgreSQL words them), and the ACL a new object
// starts with under ALTER DEFAULT PRIVILEGES (pg_default_acl).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "catalog/catalog.hpp"

namespace kanto {

// acldefault(kind, owner): the ACL an object has while its own is NULL. Kinds as PostgreSQL's
// letters: 'r' relation, 's' sequence, 'n' schema, 'd' database, 'c' column (none), 'f', 'l', 'T' ...
// Returns false for a letter PostgreSQL does not know.
bool DefaultAclOf(char kind, uint32_t owner, Acl* out);

Acl SequenceAcl(const SequenceEntry& seq);
uint32_t SchemaOwnerId(const Catalog& catalog, const SchemaEntry& schema);
// The schemas every database starts with (pg_catalog, information_schema, public) have PostgreSQL
// 15's initial ACL (pg_init_privs): the owner's USAGE and CREATE, and USAGE for PUBLIC. Null for
// other schemas.
std::optional<Acl> InitialSchemaAcl(const Catalog& catalog, const SchemaEntry& schema);
// The schema's own ACL, else its initial one, else the owner's default (USAGE and CREATE).
Acl SchemaAcl(const Catalog& catalog, const SchemaEntry& schema);
Acl DatabaseAcl(const DatabaseEntry& db);

// Whether `user` holds `privilege` (CREATE, TEMPORARY, CONNECT) on the database; true when nothing
// is checked.
bool HasDatabasePrivilege(const Catalog& catalog, std::string_view user, const DatabaseEntry& db, uint32_t privilege);

// The role whose privileges are checked for `user`: null when nothing is checked (a superuser, or
// a user that is no role: an embedded database's).
const RoleEntry* CheckedRole(const Catalog& catalog, std::string_view user);

// Whether `role` holds (itself or through the roles whose privileges it has) any of `privileges`.
bool HoldsAny(const Catalog& catalog, const Acl& acl, uint32_t owner, uint32_t role, uint32_t privileges);

// 42501 "permission denied for sequence s" unless `user` holds one of `any_of` on it.
void CheckSequencePrivilege(const Catalog& catalog, std::string_view user, const SequenceEntry& seq, uint32_t any_of);
// Whether `user` holds `privilege` (USAGE, CREATE) on the schema; true when nothing is checked.
bool HasSchemaPrivilege(const Catalog& catalog, std::string_view user, const SchemaEntry& schema, uint32_t privilege);
// 42501 "permission denied for schema s" (at `location`) unless HasSchemaPrivilege.
void CheckSchemaPrivilege(const Catalog& catalog, std::string_view user, const SchemaEntry& schema, uint32_t privilege,
                          int location = -1);

// Items in PostgreSQL's aclitemsort order (grantee, grantor, privileges: by OID), as it keeps
// default privileges and the ACLs new objects take from them.
void SortAcl(Acl& acl);
// The ACL after its object's owner changes from `old_owner` to `new_owner` (PostgreSQL's
// aclnewowner): the old owner's items, as grantee and as grantor, become the new owner's, merged
// into an item the new owner already had. None stays none.
std::optional<Acl> AclNewOwner(const std::optional<Acl>& acl, uint32_t old_owner, uint32_t new_owner);

// Whether the two ACLs hold the same items in any order (PostgreSQL's aclequal after aclitemsort).
bool SameAclItems(Acl a, Acl b);

// The ACL of an object of `object_type` (DefaultAclEntry::kTables, kSequences, ...) that `owner`
// creates in `schema_id`: the kind's default with the owner's default privileges (ALTER DEFAULT
// PRIVILEGES, for every schema and for this one) applied, as PostgreSQL's get_user_default_acl;
// none when that is just the kind's default. Sorted (SortAcl).
std::optional<Acl> InitialObjectAcl(const Catalog& catalog, char object_type, uint32_t owner, uint32_t schema_id);

}  // namespace kanto
