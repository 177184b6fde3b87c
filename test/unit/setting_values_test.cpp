// SettingValues (main/setting_values.hpp): a session's values over the shared defaults.
#include <gtest/gtest.h>

#include "main/setting_values.hpp"

namespace kanto {
namespace {

TEST(SettingValuesTest, SessionValuesOverSharedDefaults) {
  auto defaults = std::make_shared<const SettingValues::Map>(SettingValues::Map{{"timezone", "UTC"}, {"work_mem", "4MB"}});
  SettingValues a(defaults), b(defaults);
  ASSERT_NE(a.Find("timezone"), nullptr);
  EXPECT_EQ(*a.Find("timezone"), "UTC");
  EXPECT_EQ(a.Find("myapp.user"), nullptr);
  a.Set("timezone", "Europe/Paris");
  a.Set("myapp.user", "7");
  EXPECT_EQ(*a.Find("timezone"), "Europe/Paris");
  EXPECT_EQ(*a.Find("myapp.user"), "7");
  EXPECT_EQ(*b.Find("timezone"), "UTC");  // the other session keeps the default
  EXPECT_EQ(b.Find("myapp.user"), nullptr);
  EXPECT_EQ(a.changed_count(), 2u);
  SettingValues::Map all = a.All();
  EXPECT_EQ(all.size(), 3u);
  EXPECT_EQ(all["timezone"], "Europe/Paris");
  EXPECT_EQ(all["work_mem"], "4MB");
  // Back to the default's value: the session holds nothing for it.
  a.Set("timezone", "UTC");
  EXPECT_EQ(*a.Find("timezone"), "UTC");
  EXPECT_EQ(a.changed_count(), 1u);
  // A placeholder set to the empty string stays a setting.
  a.Set("myapp.user", "");
  ASSERT_NE(a.Find("myapp.user"), nullptr);
  EXPECT_EQ(*a.Find("myapp.user"), "");
}

}  // namespace
}  // namespace kanto
