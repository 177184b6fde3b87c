// Catalog::IsMemberOf / HasPrivilegesOf / IsAdminOf (catalog/role_membership.cpp) and the role
// record's memberships surviving serialization.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"

namespace kanto {
namespace {

RoleEntry Role(uint32_t id, const char* name, bool inherit = true) {
  RoleEntry r;
  r.id = id;
  r.name = name;
  r.inherit = inherit;
  return r;
}

// a <- b <- c (c is a member of b, b of a), d NOINHERIT member of c; e has ADMIN OPTION on a.
Catalog Chain() {
  Catalog catalog;
  RoleEntry a = Role(20000, "a"), b = Role(20001, "b"), c = Role(20002, "c"), d = Role(20003, "d", false);
  RoleEntry e = Role(20004, "e");
  b.member_of.push_back({a.id, kBootstrapRoleId, false});
  c.member_of.push_back({b.id, kBootstrapRoleId, false});
  d.member_of.push_back({c.id, kBootstrapRoleId, false});
  e.member_of.push_back({a.id, kBootstrapRoleId, true});
  for (RoleEntry* r : {&a, &b, &c, &d, &e}) catalog.PutRole(*r);
  return catalog;
}

TEST(RoleMembershipTest, MembershipIsTransitive) {
  Catalog catalog = Chain();
  EXPECT_TRUE(catalog.IsMemberOf(20002, 20000));   // c -> b -> a
  EXPECT_TRUE(catalog.IsMemberOf(20003, 20000));   // d reaches a whatever its INHERIT
  EXPECT_FALSE(catalog.IsMemberOf(20000, 20002));  // not the other way
  EXPECT_TRUE(catalog.IsMemberOf(20000, 20000));   // a role is itself
  EXPECT_TRUE(catalog.IsMemberOf(kBootstrapRoleId, 20002));  // superuser
  EXPECT_TRUE(catalog.IsMemberOf("c", "a"));
  EXPECT_FALSE(catalog.IsMemberOf("c", "nosuch"));
}

TEST(RoleMembershipTest, NoInheritStopsPrivileges) {
  Catalog catalog = Chain();
  EXPECT_TRUE(catalog.HasPrivilegesOf(20002, 20000));
  EXPECT_FALSE(catalog.HasPrivilegesOf(20003, 20002));  // d is NOINHERIT
  EXPECT_TRUE(catalog.HasPrivilegesOf(20003, 20003));
  EXPECT_TRUE(catalog.HasPrivilegesOf("kanto", "d"));
}

TEST(RoleMembershipTest, AdminOption) {
  Catalog catalog = Chain();
  EXPECT_TRUE(catalog.IsAdminOf(20004, 20000));
  EXPECT_FALSE(catalog.IsAdminOf(20001, 20000));  // member without ADMIN OPTION
  EXPECT_FALSE(catalog.IsAdminOf(20000, 20000));  // never on itself
  EXPECT_TRUE(catalog.IsAdminOf(kBootstrapRoleId, 20000));
}

TEST(RoleMembershipTest, PredefinedRolesExist) {
  Catalog catalog;
  ASSERT_NE(catalog.FindRole("pg_read_all_data"), nullptr);
  EXPECT_EQ(catalog.FindRole("pg_write_all_data")->id, kPgWriteAllDataRoleId);
  EXPECT_TRUE(catalog.IsMemberOf("pg_monitor", "pg_read_all_stats"));
}

TEST(RoleMembershipTest, RecordKeepsMemberships) {
  RoleEntry r = Role(20010, "r", false);
  r.bypassrls = true;
  r.connection_limit = 7;
  r.valid_until = 1234567;
  r.member_of.push_back({20000, 20004, true});
  RoleEntry back = Catalog::DeserializeRole(Catalog::SerializeRole(r));
  EXPECT_FALSE(back.inherit);
  EXPECT_TRUE(back.bypassrls);
  EXPECT_EQ(back.connection_limit, 7);
  EXPECT_EQ(back.valid_until, 1234567);
  ASSERT_EQ(back.member_of.size(), 1u);
  EXPECT_EQ(back.member_of[0].role, 20000u);
  EXPECT_EQ(back.member_of[0].grantor, 20004u);
  EXPECT_TRUE(back.member_of[0].admin);
}

}  // namespace
}  // namespace kanto
