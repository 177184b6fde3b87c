// ACLs of objects beyond tables (catalog/object_acl.hpp): the kinds' defaults, the initial ACL of
// the built-in schemas, schema privileges through membership, and what ALTER DEFAULT PRIVILEGES
// gives new objects.
#include <gtest/gtest.h>

#include "catalog/object_acl.hpp"
#include "kanto/error.hpp"

namespace kanto {
namespace {

constexpr uint32_t kAlice = 16500, kBob = 16501;

Catalog WithRoles() {
  Catalog catalog;
  RoleEntry alice;
  alice.id = kAlice;
  alice.name = "alice";
  catalog.PutRole(alice);
  RoleEntry bob;
  bob.id = kBob;
  bob.name = "bob";
  bob.member_of.push_back({kAlice, kBootstrapRoleId, false});
  catalog.PutRole(bob);
  return catalog;
}

TEST(ObjectAcl, KindDefaults) {
  Acl acl;
  ASSERT_TRUE(DefaultAclOf('s', kAlice, &acl));
  EXPECT_EQ(acl, (Acl{AclItem{kAlice, kAlice, kAclAllSequence, 0}}));
  ASSERT_TRUE(DefaultAclOf('d', kAlice, &acl));
  EXPECT_EQ(acl, (Acl{AclItem{kAclPublic, kAlice, kAclTemporary | kAclConnect, 0}, AclItem{kAlice, kAlice, kAclAllDatabase, 0}}));
  ASSERT_TRUE(DefaultAclOf('c', kAlice, &acl));
  EXPECT_TRUE(acl.empty());
  EXPECT_FALSE(DefaultAclOf('z', kAlice, &acl));
}

TEST(ObjectAcl, SchemaUsageAndCreate) {
  Catalog catalog = WithRoles();
  const SchemaEntry& pub = *catalog.GetSchema(kPublicSchemaId);
  EXPECT_TRUE(HasSchemaPrivilege(catalog, "alice", pub, kAclUsage));
  EXPECT_FALSE(HasSchemaPrivilege(catalog, "alice", pub, kAclCreate));  // PostgreSQL 15's public
  EXPECT_TRUE(HasSchemaPrivilege(catalog, "kanto", pub, kAclCreate));   // a superuser
  EXPECT_TRUE(HasSchemaPrivilege(catalog, "not a role", pub, kAclCreate));  // an embedded user
  SchemaEntry app{16600, "app", "alice", {}};
  catalog.PutSchema(app);
  EXPECT_TRUE(HasSchemaPrivilege(catalog, "bob", app, kAclCreate));  // through alice (INHERIT)
  SchemaEntry other{16601, "other", "kanto", {}};
  EXPECT_FALSE(HasSchemaPrivilege(catalog, "bob", other, kAclUsage));
  other.acl = Acl{AclItem{kAclPublic, kBootstrapRoleId, kAclUsage, 0}};
  EXPECT_TRUE(HasSchemaPrivilege(catalog, "bob", other, kAclUsage));
  try {
    CheckSchemaPrivilege(catalog, "bob", other, kAclCreate);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInsufficientPrivilege);
    EXPECT_STREQ(e.what(), "permission denied for schema other");
  }
}

TEST(ObjectAcl, InitialObjectAclFromDefaults) {
  Catalog catalog = WithRoles();
  EXPECT_FALSE(InitialObjectAcl(catalog, DefaultAclEntry::kTables, kAlice, kPublicSchemaId).has_value());
  // Everywhere: replaces the default; in one schema: adds to it. Sorted by grantee as PostgreSQL.
  catalog.PutDefaultAcl({16700, kAlice, 0, DefaultAclEntry::kTables,
                         {AclItem{kBob, kAlice, kAclSelect, 0}, AclItem{kAlice, kAlice, kAclAllTable, 0}}});
  catalog.PutDefaultAcl({16701, kAlice, kPublicSchemaId, DefaultAclEntry::kTables, {AclItem{kBob, kAlice, kAclInsert, 0}}});
  std::optional<Acl> in_public = InitialObjectAcl(catalog, DefaultAclEntry::kTables, kAlice, kPublicSchemaId);
  ASSERT_TRUE(in_public.has_value());
  EXPECT_EQ(*in_public, (Acl{AclItem{kAlice, kAlice, kAclAllTable, 0}, AclItem{kBob, kAlice, kAclSelect | kAclInsert, 0}}));
  std::optional<Acl> elsewhere = InitialObjectAcl(catalog, DefaultAclEntry::kTables, kAlice, 16999);
  ASSERT_TRUE(elsewhere.has_value());
  EXPECT_EQ(elsewhere->size(), 2u);
  EXPECT_FALSE(InitialObjectAcl(catalog, DefaultAclEntry::kSequences, kAlice, kPublicSchemaId).has_value());
  // An entry equal to the kind's default gives no ACL of its own.
  catalog.PutDefaultAcl({16700, kAlice, 0, DefaultAclEntry::kTables, {AclItem{kAlice, kAlice, kAclAllTable, 0}}});
  EXPECT_FALSE(InitialObjectAcl(catalog, DefaultAclEntry::kTables, kAlice, 16999).has_value());
}

TEST(ObjectAcl, NewOwnerTakesTheOldOwnersItems) {
  constexpr uint32_t kCarol = 16502;
  Acl acl = {AclItem{kAlice, kAlice, kAclAllTable, 0}, AclItem{kCarol, kAlice, kAclSelect, kAclSelect},
             AclItem{kBob, kAlice, kAclInsert, 0}};
  std::optional<Acl> moved = AclNewOwner(acl, kAlice, kBob);
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(*moved, (Acl{AclItem{kBob, kBob, kAclAllTable, 0}, AclItem{kCarol, kBob, kAclSelect, kAclSelect}}));
  EXPECT_FALSE(AclNewOwner(std::nullopt, kAlice, kBob).has_value());
}

}  // namespace
}  // namespace kanto
