// md5(text | bytea) as hex text, sha224 / sha256 / sha384 / sha512(bytea) as bytea, through
// OpenSSL's EVP digests (the library the server's SCRAM code already uses).
#include <openssl/evp.h>

#include "function/kernel_util.hpp"
#include "function/string_library.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

std::string Digest(const EVP_MD* md, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), out, &n, md, nullptr) != 1) throw Error(sqlstate::kInternalError, "could not compute digest");
  return std::string(reinterpret_cast<const char*>(out), n);
}

}  // namespace

void AddCryptoHashFunctions(FunctionRegistry& r) {
  const LogicalType text(TypeId::kText), bytea(TypeId::kBytea);
  for (const LogicalType& arg : {text, bytea}) {
    AddRowFunction(r, "md5", {arg}, text, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::Text(EncodeHex(Digest(EVP_md5(), a[0].str_value())));
    });
  }
  struct Sha {
    const char* name;
    const EVP_MD* (*md)();
  };
  for (Sha sha : {Sha{"sha224", EVP_sha224}, Sha{"sha256", EVP_sha256}, Sha{"sha384", EVP_sha384}, Sha{"sha512", EVP_sha512}}) {
    auto md = sha.md;
    AddRowFunction(r, sha.name, {bytea}, bytea, [md](const std::vector<Value>& a, FunctionContext&) {
      return Value::Bytea(Digest(md(), a[0].str_value()));
    });
  }
}

}  // namespace kanto
