#include "server/wire/frontend.hpp"

#include "kanto/error.hpp"
#include "server/wire/message_reader.hpp"

namespace kanto::wire {

StartupPacket DecodeStartup(std::string_view body) {
  MessageReader in(body);
  StartupPacket p;
  p.code = in.Int32();
  if (p.code == kCancelRequestCode) {
    p.cancel_pid = in.Int32();
    p.cancel_secret = in.Int32();
    return p;
  }
  if (p.code == kSslRequestCode || p.code == kGssEncRequestCode || p.code >> 16 != 3) return p;
  while (in.remaining() > 1) {
    std::string key = in.CString();
    if (key.empty()) break;
    p.params[key] = in.CString();
  }
  return p;
}

std::vector<std::pair<std::string, std::string>> ParseStartupOptions(std::string_view options) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < options.size(); i++) {
    char c = options[i];
    if (c == '\\' && i + 1 < options.size()) {
      words.back() += options[++i];
    } else if (c == ' ' || c == '\t') {
      if (!words.back().empty()) words.emplace_back();
    } else {
      words.back() += c;
    }
  }
  if (words.back().empty()) words.pop_back();
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < words.size(); i++) {
    std::string setting;
    if (words[i] == "-c" && i + 1 < words.size()) {
      setting = words[++i];
    } else if (words[i].rfind("-c", 0) == 0 && words[i].size() > 2) {
      setting = words[i].substr(2);
    } else if (words[i].rfind("--", 0) == 0) {
      setting = words[i].substr(2);
    } else {
      MessageReader::Fail("invalid command-line argument for server process: " + words[i]);
    }
    size_t eq = setting.find('=');
    if (eq == std::string::npos || eq == 0) MessageReader::Fail("invalid startup option: " + setting);
    std::string name = setting.substr(0, eq);
    for (auto& ch : name) ch = ch == '-' ? '_' : ch;
    out.emplace_back(name, setting.substr(eq + 1));
  }
  return out;
}

ParseMessage DecodeParse(std::string_view body) {
  MessageReader in(body);
  ParseMessage m;
  m.name = in.CString();
  m.sql = in.CString();
  int16_t n = in.Int16();
  if (n < 0) MessageReader::Fail("invalid number of parameter types");
  for (int i = 0; i < n; i++) m.param_types.push_back(static_cast<uint32_t>(in.Int32()));
  in.ExpectEnd();
  return m;
}

int16_t BindMessage::ParamFormat(size_t i) const {
  if (param_formats.empty()) return 0;
  return param_formats.size() == 1 ? param_formats[0] : param_formats[i];
}

BindMessage DecodeBind(std::string_view body) {
  MessageReader in(body);
  BindMessage m;
  m.portal = in.CString();
  m.statement = in.CString();
  int16_t nformats = in.Int16();
  if (nformats < 0) MessageReader::Fail("invalid number of parameter formats");
  for (int i = 0; i < nformats; i++) {
    int16_t f = in.Int16();
    if (f != 0 && f != 1) throw Error(sqlstate::kInvalidParameterValue, "unsupported format code: " + std::to_string(f));
    m.param_formats.push_back(f);
  }
  int16_t nparams = in.Int16();
  if (nparams < 0) MessageReader::Fail("invalid number of parameters");
  if (nformats > 1 && nformats != nparams) {
    MessageReader::Fail("bind message has " + std::to_string(nformats) + " parameter formats but " +
                        std::to_string(nparams) + " parameters");
  }
  for (int i = 0; i < nparams; i++) {
    int32_t len = in.Int32();
    if (len < -1) MessageReader::Fail("invalid parameter length");
    if (len == -1) {
      m.params.emplace_back(std::nullopt);
    } else {
      m.params.emplace_back(std::string(in.Bytes(static_cast<size_t>(len))));
    }
  }
  int16_t nresult = in.Int16();
  if (nresult < 0) MessageReader::Fail("invalid number of result formats");
  for (int i = 0; i < nresult; i++) {
    int16_t f = in.Int16();
    if (f != 0 && f != 1) throw Error(sqlstate::kInvalidParameterValue, "unsupported format code: " + std::to_string(f));
    m.result_formats.push_back(f);
  }
  in.ExpectEnd();
  return m;
}

TargetMessage DecodeTarget(std::string_view body) {
  MessageReader in(body);
  TargetMessage m;
  m.kind = static_cast<char>(in.Byte());
  if (m.kind != 'S' && m.kind != 'P') MessageReader::Fail("invalid DESCRIBE/CLOSE message subtype " + std::to_string(m.kind));
  m.name = in.CString();
  in.ExpectEnd();
  return m;
}

ExecuteMessage DecodeExecute(std::string_view body) {
  MessageReader in(body);
  ExecuteMessage m;
  m.portal = in.CString();
  m.max_rows = in.Int32();
  in.ExpectEnd();
  return m;
}

SaslInitial DecodeSaslInitial(std::string_view body) {
  MessageReader in(body);
  SaslInitial m;
  m.mechanism = in.CString();
  int32_t len = in.Int32();
  if (len < -1) MessageReader::Fail("malformed SASL message");
  if (len > 0) m.data = std::string(in.Bytes(static_cast<size_t>(len)));
  in.ExpectEnd();
  return m;
}

}  // namespace kanto::wire
