#include "common/scram.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <vector>

namespace kanto::scram {

namespace {

constexpr int kIterations = 4096;

std::string Hmac(std::string_view key, std::string_view msg) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(msg.data()),
       msg.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha256(std::string_view data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

struct Secret {
  int iterations = 0;
  std::string salt, stored_key, server_key;
};

bool ParseVerifier(std::string_view v, Secret* s) {
  constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
  if (v.substr(0, kPrefix.size()) != kPrefix) return false;
  v.remove_prefix(kPrefix.size());
  size_t colon = v.find(':'), dollar = v.find('$'), colon2 = v.rfind(':');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon2 <= dollar) return false;
  try {
    s->iterations = std::stoi(std::string(v.substr(0, colon)));
  } catch (...) {
    return false;
  }
  return s->iterations > 0 && Base64Decode(v.substr(colon + 1, dollar - colon - 1), &s->salt) &&
         Base64Decode(v.substr(dollar + 1, colon2 - dollar - 1), &s->stored_key) &&
         Base64Decode(v.substr(colon2 + 1), &s->server_key) && s->stored_key.size() == 32 && s->server_key.size() == 32;
}

// The value of attribute `name` ("r", "c", "p", ...) in a comma-separated SCRAM message.
bool Attribute(std::string_view msg, char name, std::string* out) {
  size_t pos = 0;
  while (pos <= msg.size()) {
    size_t end = msg.find(',', pos);
    std::string_view part = msg.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (part.size() >= 2 && part[0] == name && part[1] == '=') {
      *out = std::string(part.substr(2));
      return true;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string Base64Encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
  std::string buf(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(buf.data()), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad++;
  if (text.size() > 1 && text[text.size() - 2] == '=') pad++;
  buf.resize(static_cast<size_t>(n) - pad);
  *out = std::move(buf);
  return true;
}

std::string MakeVerifier(std::string_view password) {
  std::string salt = RandomBytes(16);
  unsigned char salted[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), kIterations, EVP_sha256(), sizeof(salted), salted);
  std::string salted_password(reinterpret_cast<char*>(salted), sizeof(salted));
  std::string stored_key = Sha256(Hmac(salted_password, "Client Key"));
  std::string server_key = Hmac(salted_password, "Server Key");
  return "SCRAM-SHA-256$" + std::to_string(kIterations) + ":" + Base64Encode(salt) + "$" + Base64Encode(stored_key) +
         ":" + Base64Encode(server_key);
}

bool IsVerifier(std::string_view text) {
  Secret s;
  return ParseVerifier(text, &s);
}

bool ServerExchange::ServerFirst(std::string_view client_first, std::string* server_first) {
  // gs2 header: "n,," (no channel binding) or "y,," (client supports it, we do not offer it).
  if (client_first.size() < 3 || (client_first[0] != 'n' && client_first[0] != 'y') || client_first[1] != ',') return false;
  size_t bare = client_first.find(',', 2);
  if (bare == std::string_view::npos) return false;
  client_first_bare_ = std::string(client_first.substr(bare + 1));
  std::string client_nonce;
  if (!Attribute(client_first_bare_, 'r', &client_nonce) || client_nonce.empty()) return false;
  Secret s;
  if (!ParseVerifier(verifier_, &s)) {
    // No usable verifier: answer with a made-up salt so the failure shows only at the proof.
    s.salt = RandomBytes(16);
    s.iterations = kIterations;
  }
  nonce_ = client_nonce + Base64Encode(RandomBytes(18));
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(s.salt) + ",i=" + std::to_string(s.iterations);
  *server_first = server_first_;
  return true;
}

bool ServerExchange::ServerFinal(std::string_view client_final, std::string* server_final) {
  Secret s;
  if (!ParseVerifier(verifier_, &s)) return false;
  std::string nonce, proof_b64, proof;
  if (!Attribute(client_final, 'r', &nonce) || nonce != nonce_) return false;
  if (!Attribute(client_final, 'p', &proof_b64) || !Base64Decode(proof_b64, &proof) || proof.size() != 32) return false;
  size_t p = client_final.rfind(",p=");
  if (p == std::string_view::npos) return false;
  std::string auth_message = client_first_bare_ + "," + server_first_ + "," + std::string(client_final.substr(0, p));
  std::string client_signature = Hmac(s.stored_key, auth_message);
  std::string client_key(32, '\0');
  for (size_t i = 0; i < 32; i++) client_key[i] = static_cast<char>(proof[i] ^ client_signature[i]);
  std::string computed = Sha256(client_key);
  if (CRYPTO_memcmp(computed.data(), s.stored_key.data(), 32) != 0) return false;
  *server_final = "v=" + Base64Encode(Hmac(s.server_key, auth_message));
  return true;
}

}  // namespace kanto::scram
