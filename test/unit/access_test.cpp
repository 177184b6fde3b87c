#include <gtest/gtest.h>

#include "access/constraint_check.hpp"
#include "access/row_key.hpp"
#include "catalog/catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {
namespace {

TableEntry UsersTable() {
  TableEntry t;
  t.id = 16500;
  t.name = "users";
  t.columns.push_back({"id", LogicalType(TypeId::kInt4), true, ""});
  t.columns.push_back({"email", LogicalType(TypeId::kInt4), false, ""});
  IndexEntry pk;
  pk.id = 16501;
  pk.name = "users_pkey";
  pk.columns = {0};
  pk.descending = {false};
  pk.unique = pk.primary = true;
  IndexEntry email;
  email.id = 16502;
  email.name = "users_email_key";
  email.columns = {1};
  email.descending = {false};
  email.unique = true;
  t.indexes = {pk, email};
  t.primary_index = 0;
  return t;
}

std::vector<Value> Row(int64_t id, bool email_null) {
  LogicalType int4(TypeId::kInt4);
  return {Value::FromInt(int4, id), email_null ? Value::Null(int4) : Value::FromInt(int4, id * 10)};
}

// The key of row `id`'s entry in users_email_key.
std::vector<Value> EmailKey(int64_t id, bool email_null) { return {Row(id, email_null)[1]}; }

TEST(AccessRowKey, UniqueEntryIsTheKeyAloneUnlessNull) {
  TableEntry t = UsersTable();
  const IndexEntry& email = t.indexes[1];
  std::string row_key = access::TablePrefix(t.id, t.row_index_id()) + "rowpart";
  // Two rows with the same non-NULL value get the same entry key: the unique check finds it.
  EXPECT_EQ(access::MakeIndexKey(t, email, EmailKey(1, false), row_key),
            access::MakeIndexKey(t, email, EmailKey(1, false), row_key + "x"));
  EXPECT_TRUE(access::IndexKeyMayConflict(email, EmailKey(1, false)));
  // NULLs are distinct: the row key suffix keeps two NULL entries apart.
  EXPECT_FALSE(access::IndexKeyMayConflict(email, EmailKey(1, true)));
  EXPECT_NE(access::MakeIndexKey(t, email, EmailKey(1, true), row_key),
            access::MakeIndexKey(t, email, EmailKey(1, true), row_key + "x"));
  t.indexes[1].nulls_not_distinct = true;
  EXPECT_TRUE(access::IndexKeyMayConflict(t.indexes[1], EmailKey(1, true)));
}

TEST(AccessRowKey, EntriesOfOneIndexShareItsPrefix) {
  TableEntry t = UsersTable();
  std::string prefix = access::TablePrefix(t.id, t.indexes[1].id);
  std::string key = access::MakeIndexKey(t, t.indexes[1], EmailKey(7, false), prefix);
  EXPECT_EQ(key.compare(0, prefix.size(), prefix), 0);
  EXPECT_LT(key, access::KeySuccessor(prefix));
  EXPECT_EQ(access::TablePrefix(t.id, 0).compare(0, 4, access::TableDataPrefix(t.id)), 0);
}

TEST(AccessConstraintCheck, NotNullAndUniqueMessages) {
  TableEntry t = UsersTable();
  FunctionContext fn;
  std::vector<Value> row = Row(3, false);
  row[0] = Value::Null(LogicalType(TypeId::kInt4));
  try {
    access::CheckNotNull(t, row, fn);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "23502");
    EXPECT_EQ(std::string(e.what()), "null value in column \"id\" of relation \"users\" violates not-null constraint");
  }
  try {
    access::ThrowUniqueViolation(t, t.indexes[1], EmailKey(3, false), fn);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.detail(), "Key (email)=(30) already exists.");
  }
  // An expression key part is named as PostgreSQL prints it.
  t.indexes[1].columns = {IndexEntry::kExpression};
  t.indexes[1].expressions = {"(email + 1)"};
  EXPECT_EQ(access::IndexKeyText(t, t.indexes[1], EmailKey(3, false), fn), "(((email + 1)))=(30)");
  t.indexes[1].expressions = {"abs(email)"};
  EXPECT_EQ(access::IndexKeyText(t, t.indexes[1], EmailKey(3, false), fn), "(abs(email))=(30)");
}

}  // namespace
}  // namespace kanto
