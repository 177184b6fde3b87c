// Writes an EXPLAIN document in PostgreSQL's machine-readable formats (JSON, YAML, XML) with its
// layout: groups (objects and lists) holding properties, the indentation and separators each format
// uses, and each format's escaping. The caller states the structure (which groups, which
// properties); the writer only renders it, so the three formats always carry the same content.
#pragma once

#include <string>
#include <vector>

namespace kanto {

enum class ExplainFormat { kText, kJson, kYaml, kXml };

// Parses "text", "json", "yaml", "xml" (the parser has already rejected any other value).
ExplainFormat ParseExplainFormat(const std::string& name);

class ExplainWriter {
 public:
  // REQUIRES: format is not kText (text output is line-oriented and written elsewhere).
  explicit ExplainWriter(ExplainFormat format);

  // A group: `object_type` names it in XML; `label` names it in JSON/YAML when it is a member of an
  // object (empty: an element of a list). `is_object`: properties follow (an object); else a list.
  void OpenGroup(const std::string& object_type, const std::string& label, bool is_object);
  void CloseGroup(const std::string& object_type, const std::string& label, bool is_object);

  void Text(const std::string& key, const std::string& value);
  // `value` is already formatted as a number ("12", "0.031").
  void Number(const std::string& key, const std::string& value);
  void Bool(const std::string& key, bool value);
  void List(const std::string& key, const std::vector<std::string>& items);

  // The finished document. REQUIRES: every group closed.
  std::string Finish();

 private:
  void Property(const std::string& key, const std::string& value, bool quoted);
  void JsonLineEnding();
  void YamlLineStarting();
  void Spaces();

  ExplainFormat format_;
  std::string out_;
  int indent_ = 0;
  // Per open group (JSON/YAML): whether something was written in it yet.
  std::vector<bool> wrote_;
};

}  // namespace kanto
