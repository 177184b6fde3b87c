#include "server/hba.hpp"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kanto::server {

namespace {

struct Token {
  std::string text;
  bool quoted = false;
  bool Is(const char* keyword) const { return !quoted && text == keyword; }
};

// An address as 16 bytes (IPv4 as IPv4-mapped IPv6) so rules and clients of either family compare
// alike, with the family kept apart: an IPv4 rule matches IPv4 clients only, as in PostgreSQL.
struct Bytes {
  bool v4 = false;
  std::array<unsigned char, 16> b{};
};

Bytes ToBytes(asio::ip::address a) {
  Bytes out;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  if (a.is_v4()) {
    out.v4 = true;
    auto v4 = a.to_v4().to_bytes();
    std::memcpy(out.b.data() + 12, v4.data(), 4);
  } else {
    out.b = a.to_v6().to_bytes();
  }
  return out;
}

bool SameNet(const Bytes& a, const Bytes& b, const Bytes& mask) {
  if (a.v4 != b.v4) return false;
  for (size_t i = 0; i < 16; i++) {
    if ((a.b[i] & mask.b[i]) != (b.b[i] & mask.b[i])) return false;
  }
  return true;
}

Bytes PrefixMask(bool v4, int bits) {
  Bytes m;
  m.v4 = v4;
  int start = v4 ? 96 : 0;
  for (int i = 0; i < 128; i++) {
    if (i >= start && i - start < bits) m.b[static_cast<size_t>(i / 8)] |= static_cast<unsigned char>(0x80 >> (i % 8));
  }
  return m;
}

std::optional<asio::ip::address> ParseAddress(const std::string& s) {
  asio::error_code ec;
  asio::ip::address a = asio::ip::make_address(s, ec);
  if (ec) return std::nullopt;
  return a;
}

// The interfaces' addresses and netmasks (samehost, samenet).
std::vector<std::pair<Bytes, Bytes>> Interfaces() {
  std::vector<std::pair<Bytes, Bytes>> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || !i->ifa_netmask) continue;
    if (i->ifa_addr->sa_family == AF_INET) {
      asio::ip::address_v4::bytes_type a, m;
      std::memcpy(a.data(), &reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr, 4);
      std::memcpy(m.data(), &reinterpret_cast<sockaddr_in*>(i->ifa_netmask)->sin_addr, 4);
      out.emplace_back(ToBytes(asio::ip::address_v4(a)), ToBytes(asio::ip::address_v4(m)));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      asio::ip::address_v6::bytes_type a, m;
      std::memcpy(a.data(), &reinterpret_cast<sockaddr_in6*>(i->ifa_addr)->sin6_addr, 16);
      std::memcpy(m.data(), &reinterpret_cast<sockaddr_in6*>(i->ifa_netmask)->sin6_addr, 16);
      Bytes ab = ToBytes(asio::ip::address_v6(a));
      Bytes mb;
      mb.v4 = ab.v4;
      mb.b = m;
      out.emplace_back(ab, mb);
    }
  }
  freeifaddrs(list);
  return out;
}

// Splits one line into fields; a field is a comma list of tokens ("a, b" is one field of two).
// Tokens may be "double quoted" (with "" for a quote); # outside quotes starts a comment.
bool SplitFields(const std::string& line, std::vector<std::vector<Token>>* fields, std::string* error) {
  size_t i = 0, n = line.size();
  bool continue_field = false;
  while (true) {
    while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) i++;
    if (i >= n || line[i] == '#') {
      if (continue_field) {
        *error = "end-of-line after a comma";
        return false;
      }
      return true;
    }
    Token t;
    while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != ',' && line[i] != '#') {
      if (line[i] == '"') {
        t.quoted = true;
        i++;
        while (true) {
          if (i >= n) {
            *error = "unterminated quoted string";
            return false;
          }
          if (line[i] == '"') {
            if (i + 1 < n && line[i + 1] == '"') {
              t.text += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          t.text += line[i++];
        }
      } else {
        t.text += line[i++];
      }
    }
    if (continue_field) {
      fields->back().push_back(std::move(t));
    } else {
      fields->push_back({std::move(t)});
    }
    continue_field = i < n && line[i] == ',';
    if (continue_field) i++;
  }
}

bool IsKeyword(const Token& t, std::initializer_list<const char*> keywords) {
  for (const char* k : keywords) {
    if (t.Is(k)) return true;
  }
  return false;
}

}  // namespace

struct HbaRule {
  enum class Type { kLocal, kHost, kHostSsl, kHostNoSsl };
  enum class Address { kAll, kSameHost, kSameNet, kNet };
  Type type = Type::kHost;
  std::vector<Token> databases;
  std::vector<Token> users;
  Address address = Address::kAll;
  Bytes net;
  Bytes mask;
  HbaMethod method = HbaMethod::kReject;
};

HbaRules::HbaRules() = default;
HbaRules::~HbaRules() = default;
HbaRules::HbaRules(HbaRules&&) noexcept = default;
HbaRules& HbaRules::operator=(HbaRules&&) noexcept = default;

bool HbaRules::Parse(const std::string& text, const std::string& file, HbaRules* out, std::string* error) {
  std::istringstream in(text);
  std::string line;
  std::vector<HbaRule> rules;
  for (int number = 1; std::getline(in, line); number++) {
    std::vector<std::vector<Token>> fields;
    std::string what;
    auto fail = [&](const std::string& message) {
      *error = file + ":" + std::to_string(number) + ": " + message;
      return false;
    };
    if (!SplitFields(line, &fields, &what)) return fail(what);
    if (fields.empty()) continue;
    size_t f = 0;
    auto single = [&](const char* name, Token* t) -> bool {
      if (f >= fields.size()) return fail("end-of-line before " + std::string(name));
      if (fields[f].size() != 1) return fail("multiple values in " + std::string(name) + " field");
      *t = fields[f++][0];
      return true;
    };
    HbaRule rule;
    Token type;
    if (!single("connection type", &type)) return false;
    if (type.Is("local")) {
      rule.type = HbaRule::Type::kLocal;
    } else if (type.Is("host")) {
      rule.type = HbaRule::Type::kHost;
    } else if (type.Is("hostssl")) {
      rule.type = HbaRule::Type::kHostSsl;
    } else if (type.Is("hostnossl")) {
      rule.type = HbaRule::Type::kHostNoSsl;
    } else if (type.Is("hostgssenc") || type.Is("hostnogssenc")) {
      return fail("connection type \"" + type.text + "\" is not supported (Kanto has no GSSAPI encryption)");
    } else {
      return fail("invalid connection type \"" + type.text + "\"");
    }
    if (f >= fields.size()) return fail("end-of-line before database specification");
    for (const Token& t : fields[f]) {
      if (IsKeyword(t, {"samerole", "samegroup"}) || (!t.quoted && !t.text.empty() && t.text[0] == '@')) {
        return fail("database \"" + t.text + "\" is not supported (no role groups or included files yet)");
      }
    }
    rule.databases = fields[f++];
    if (f >= fields.size()) return fail("end-of-line before role specification");
    for (const Token& t : fields[f]) {
      if (!t.quoted && !t.text.empty() && (t.text[0] == '+' || t.text[0] == '@')) {
        return fail("role \"" + t.text + "\" is not supported (no role groups or included files yet)");
      }
    }
    rule.users = fields[f++];
    if (rule.type != HbaRule::Type::kLocal) {
      Token addr;
      if (f >= fields.size()) return fail("end-of-line before IP address specification");
      if (!single("IP address", &addr)) return false;
      if (addr.Is("all")) {
        rule.address = HbaRule::Address::kAll;
      } else if (addr.Is("samehost")) {
        rule.address = HbaRule::Address::kSameHost;
      } else if (addr.Is("samenet")) {
        rule.address = HbaRule::Address::kSameNet;
      } else {
        rule.address = HbaRule::Address::kNet;
        size_t slash = addr.text.find('/');
        auto ip = ParseAddress(addr.text.substr(0, slash));
        if (!ip) {
          if (slash == std::string::npos && !addr.text.empty() && std::isalpha(static_cast<unsigned char>(addr.text[0]))) {
            return fail("host name \"" + addr.text + "\" is not supported (give an IP address and mask)");
          }
          return fail("invalid IP address \"" + addr.text + "\"");
        }
        rule.net = ToBytes(*ip);
        if (slash != std::string::npos) {
          std::string bits = addr.text.substr(slash + 1);
          int max = rule.net.v4 ? 32 : 128;
          char* end = nullptr;
          long n = std::strtol(bits.c_str(), &end, 10);
          if (bits.empty() || *end != '\0' || n < 0 || n > max) return fail("invalid CIDR mask in address \"" + addr.text + "\"");
          rule.mask = PrefixMask(rule.net.v4, static_cast<int>(n));
        } else {
          Token mask;
          if (f >= fields.size()) return fail("end-of-line before netmask specification");
          if (!single("netmask", &mask)) return false;
          auto m = ParseAddress(mask.text);
          if (!m) return fail("invalid IP mask \"" + mask.text + "\"");
          rule.mask = ToBytes(*m);
          if (rule.mask.v4 != rule.net.v4) return fail("IP address and mask do not match");
        }
      }
    }
    Token method;
    if (f >= fields.size()) return fail("end-of-line before authentication method");
    if (!single("authentication method", &method)) return false;
    bool local = rule.type == HbaRule::Type::kLocal;
    if (method.Is("trust")) {
      rule.method = HbaMethod::kTrust;
    } else if (method.Is("reject")) {
      rule.method = HbaMethod::kReject;
    } else if (method.Is("scram-sha-256") || method.Is("md5")) {
      rule.method = HbaMethod::kScramSha256;
    } else if (IsKeyword(method, {"password", "gss", "sspi", "ident", "peer", "pam", "ldap", "radius", "cert", "bsd"})) {
      // A local line never matches (no Unix socket), so what it would ask of one is moot.
      if (!local) return fail("authentication method \"" + method.text + "\" is not supported");
      rule.method = HbaMethod::kReject;
    } else {
      return fail("invalid authentication method \"" + method.text + "\"");
    }
    if (f < fields.size() && !local) {
      return fail("authentication option \"" + fields[f][0].text + "\" is not supported");
    }
    rules.push_back(std::move(rule));
  }
  out->rules_ = std::move(rules);
  return true;
}

std::optional<HbaMethod> HbaRules::Match(const HbaClient& client) const {
  Bytes address = ToBytes(client.address);
  std::vector<std::pair<Bytes, Bytes>> interfaces;
  bool have_interfaces = false;
  for (const HbaRule& rule : rules_) {
    switch (rule.type) {
      case HbaRule::Type::kLocal: continue;  // Unix-socket connections: Kanto takes none
      case HbaRule::Type::kHost: break;
      case HbaRule::Type::kHostSsl:
        if (!client.ssl) continue;
        break;
      case HbaRule::Type::kHostNoSsl:
        if (client.ssl) continue;
        break;
    }
    bool database = false;
    for (const Token& t : rule.databases) {
      // `replication` names replication connections, which Kanto does not take; quoted, a database.
      if (t.Is("all") || (t.Is("sameuser") && client.database == client.user) ||
          (!IsKeyword(t, {"all", "sameuser", "replication"}) && t.text == client.database)) {
        database = true;
        break;
      }
    }
    if (!database) continue;
    bool user = false;
    for (const Token& t : rule.users) {
      if (t.Is("all") || t.text == client.user) {
        user = true;
        break;
      }
    }
    if (!user) continue;
    if (rule.address == HbaRule::Address::kNet) {
      if (!SameNet(address, rule.net, rule.mask)) continue;
    } else if (rule.address != HbaRule::Address::kAll) {
      if (!have_interfaces) {
        interfaces = Interfaces();
        have_interfaces = true;
      }
      bool found = false;
      for (const auto& [ip, mask] : interfaces) {
        Bytes all_ones;
        all_ones.v4 = ip.v4;
        all_ones.b.fill(0xff);
        if (SameNet(address, ip, rule.address == HbaRule::Address::kSameHost ? all_ones : mask)) {
          found = true;
          break;
        }
      }
      if (!found) continue;
    }
    return rule.method;
  }
  return std::nullopt;
}

bool HbaFile::Load(std::string* error) {
  std::ifstream in(path_);
  if (!in) {
    *error = "could not open access file \"" + path_ + "\": " + std::strerror(errno);
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto rules = std::make_shared<HbaRules>();
  if (!HbaRules::Parse(text.str(), path_, rules.get(), error)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(rules);
  return true;
}

std::optional<HbaMethod> HbaFile::Match(const HbaClient& client) const {
  std::shared_ptr<const HbaRules> rules;
  {
    std::lock_guard<std::mutex> lock(mu_);
    rules = rules_;
  }
  if (!rules) return std::nullopt;
  return rules->Match(client);
}

}  // namespace kanto::server
