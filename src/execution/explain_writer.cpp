#include "execution/explain_writer.hpp"

#include <cstdio>

namespace kanto {

namespace {

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#x0d;"; break;
      default: out += c;
    }
  }
  return out;
}

// XML element names are the keys with spaces turned into hyphens ("Node Type" -> Node-Type).
std::string XmlTag(const std::string& key) {
  std::string out = key;
  for (auto& c : out) {
    if (c == ' ') c = '-';
  }
  return out;
}

}  // namespace

ExplainFormat ParseExplainFormat(const std::string& name) {
  if (name == "json") return ExplainFormat::kJson;
  if (name == "yaml") return ExplainFormat::kYaml;
  if (name == "xml") return ExplainFormat::kXml;
  return ExplainFormat::kText;
}

ExplainWriter::ExplainWriter(ExplainFormat format) : format_(format) {
  switch (format_) {
    case ExplainFormat::kXml:
      out_ = "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n";
      indent_ = 1;
      break;
    case ExplainFormat::kJson:
      out_ = "[";
      wrote_.push_back(false);
      indent_ = 1;
      break;
    case ExplainFormat::kYaml:
      wrote_.push_back(false);
      break;
    case ExplainFormat::kText: break;
  }
}

std::string ExplainWriter::Finish() {
  switch (format_) {
    case ExplainFormat::kXml: out_ += "</explain>"; break;
    case ExplainFormat::kJson: out_ += "\n]"; break;
    default: break;
  }
  return std::move(out_);
}

void ExplainWriter::Spaces() { out_.append(static_cast<size_t>(indent_) * 2, ' '); }

void ExplainWriter::JsonLineEnding() {
  if (wrote_.back()) out_ += ',';
  wrote_.back() = true;
  out_ += '\n';
}

void ExplainWriter::YamlLineStarting() {
  if (!wrote_.back()) {
    wrote_.back() = true;
  } else {
    out_ += '\n';
    Spaces();
  }
}

void ExplainWriter::OpenGroup(const std::string& object_type, const std::string& label, bool is_object) {
  switch (format_) {
    case ExplainFormat::kXml:
      Spaces();
      out_ += "<" + XmlTag(object_type) + ">\n";
      break;
    case ExplainFormat::kJson:
      JsonLineEnding();
      Spaces();
      if (!label.empty()) out_ += JsonQuote(label) + ": ";
      out_ += is_object ? '{' : '[';
      wrote_.push_back(false);
      break;
    case ExplainFormat::kYaml:
      YamlLineStarting();
      if (!label.empty()) {
        out_ += label + ": ";
        wrote_.push_back(true);
      } else {
        out_ += "- ";
        wrote_.push_back(false);
      }
      break;
    case ExplainFormat::kText: break;
  }
  indent_++;
}

void ExplainWriter::CloseGroup(const std::string& object_type, const std::string& label, bool is_object) {
  indent_--;
  switch (format_) {
    case ExplainFormat::kXml:
      Spaces();
      out_ += "</" + XmlTag(object_type) + ">\n";
      break;
    case ExplainFormat::kJson:
      out_ += '\n';
      Spaces();
      out_ += is_object ? '}' : ']';
      wrote_.pop_back();
      break;
    case ExplainFormat::kYaml: wrote_.pop_back(); break;
    case ExplainFormat::kText: break;
  }
  (void)label;
}

void ExplainWriter::Property(const std::string& key, const std::string& value, bool quoted) {
  switch (format_) {
    case ExplainFormat::kXml:
      Spaces();
      out_ += "<" + XmlTag(key) + ">" + XmlEscape(value) + "</" + XmlTag(key) + ">\n";
      break;
    case ExplainFormat::kJson:
      JsonLineEnding();
      Spaces();
      out_ += JsonQuote(key) + ": " + (quoted ? JsonQuote(value) : value);
      break;
    case ExplainFormat::kYaml:
      YamlLineStarting();
      out_ += key + ": " + (quoted ? JsonQuote(value) : value);
      break;
    case ExplainFormat::kText: break;
  }
}

void ExplainWriter::Text(const std::string& key, const std::string& value) { Property(key, value, true); }
void ExplainWriter::Number(const std::string& key, const std::string& value) { Property(key, value, false); }
void ExplainWriter::Bool(const std::string& key, bool value) { Property(key, value ? "true" : "false", false); }

void ExplainWriter::List(const std::string& key, const std::vector<std::string>& items) {
  switch (format_) {
    case ExplainFormat::kXml:
      Spaces();
      out_ += "<" + XmlTag(key) + ">\n";
      for (const auto& item : items) {
        Spaces();
        out_ += "  <Item>" + XmlEscape(item) + "</Item>\n";
      }
      Spaces();
      out_ += "</" + XmlTag(key) + ">\n";
      break;
    case ExplainFormat::kJson: {
      JsonLineEnding();
      Spaces();
      out_ += JsonQuote(key) + ": [";
      for (size_t i = 0; i < items.size(); i++) out_ += (i ? ", " : "") + JsonQuote(items[i]);
      out_ += ']';
      break;
    }
    case ExplainFormat::kYaml:
      YamlLineStarting();
      out_ += key + ": ";
      for (const auto& item : items) {
        out_ += '\n';
        Spaces();
        out_ += "  - " + JsonQuote(item);
      }
      break;
    case ExplainFormat::kText: break;
  }
}

}  // namespace kanto
