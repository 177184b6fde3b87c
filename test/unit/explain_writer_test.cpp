#include <gtest/gtest.h>

#include "execution/explain_writer.hpp"

namespace kanto {
namespace {

// The shape PostgreSQL 15 writes for EXPLAIN (ANALYZE, COSTS off, TIMING off) of a scan under a
// sort: a query object, its plan, a child list, a key list, the summary and the empty trigger list.
std::string Write(ExplainFormat format) {
  ExplainWriter w(format);
  w.OpenGroup("Query", "", true);
  w.OpenGroup("Plan", "Plan", true);
  w.Text("Node Type", "Sort");
  w.Bool("Parallel Aware", false);
  w.Number("Actual Rows", "2");
  w.List("Sort Key", {"b", "a DESC"});
  w.OpenGroup("Plans", "Plans", false);
  w.OpenGroup("Plan", "", true);
  w.Text("Node Type", "Seq Scan");
  w.Text("Parent Relationship", "Outer");
  w.Text("Filter", "(b <> 'a\"<b>')");
  w.CloseGroup("Plan", "", true);
  w.CloseGroup("Plans", "Plans", false);
  w.CloseGroup("Plan", "Plan", true);
  w.Number("Planning Time", "0.020");
  w.OpenGroup("Triggers", "Triggers", false);
  w.CloseGroup("Triggers", "Triggers", false);
  w.CloseGroup("Query", "", true);
  return w.Finish();
}

TEST(ExplainWriterTest, Json) {
  EXPECT_EQ(Write(ExplainFormat::kJson),
            "[\n"
            "  {\n"
            "    \"Plan\": {\n"
            "      \"Node Type\": \"Sort\",\n"
            "      \"Parallel Aware\": false,\n"
            "      \"Actual Rows\": 2,\n"
            "      \"Sort Key\": [\"b\", \"a DESC\"],\n"
            "      \"Plans\": [\n"
            "        {\n"
            "          \"Node Type\": \"Seq Scan\",\n"
            "          \"Parent Relationship\": \"Outer\",\n"
            "          \"Filter\": \"(b <> 'a\\\"<b>')\"\n"
            "        }\n"
            "      ]\n"
            "    },\n"
            "    \"Planning Time\": 0.020,\n"
            "    \"Triggers\": [\n"
            "    ]\n"
            "  }\n"
            "]");
}

TEST(ExplainWriterTest, Yaml) {
  EXPECT_EQ(Write(ExplainFormat::kYaml),
            "- Plan: \n"
            "    Node Type: \"Sort\"\n"
            "    Parallel Aware: false\n"
            "    Actual Rows: 2\n"
            "    Sort Key: \n"
            "      - \"b\"\n"
            "      - \"a DESC\"\n"
            "    Plans: \n"
            "      - Node Type: \"Seq Scan\"\n"
            "        Parent Relationship: \"Outer\"\n"
            "        Filter: \"(b <> 'a\\\"<b>')\"\n"
            "  Planning Time: 0.020\n"
            "  Triggers: ");
}

TEST(ExplainWriterTest, Xml) {
  EXPECT_EQ(Write(ExplainFormat::kXml),
            "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n"
            "  <Query>\n"
            "    <Plan>\n"
            "      <Node-Type>Sort</Node-Type>\n"
            "      <Parallel-Aware>false</Parallel-Aware>\n"
            "      <Actual-Rows>2</Actual-Rows>\n"
            "      <Sort-Key>\n"
            "        <Item>b</Item>\n"
            "        <Item>a DESC</Item>\n"
            "      </Sort-Key>\n"
            "      <Plans>\n"
            "        <Plan>\n"
            "          <Node-Type>Seq Scan</Node-Type>\n"
            "          <Parent-Relationship>Outer</Parent-Relationship>\n"
            "          <Filter>(b &lt;&gt; 'a\"&lt;b&gt;')</Filter>\n"
            "        </Plan>\n"
            "      </Plans>\n"
            "    </Plan>\n"
            "    <Planning-Time>0.020</Planning-Time>\n"
            "    <Triggers>\n"
            "    </Triggers>\n"
            "  </Query>\n"
            "</explain>");
}

}  // namespace
}  // namespace kanto
