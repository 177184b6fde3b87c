# Sourced by scripts/fuzz-wire and scripts/fuzz-sql --quick: compiles a libFuzzer harness with
# clang (ASan, UBSan, coverage of the harness) and links it with the normal build's engine library.
# usage: build_harness OUTPUT SOURCES...   (needs $root and $build)
build_harness() {
  local output=$1
  shift
  local cxx
  cxx=$(command -v clang++ || command -v clang++-14)
  "$cxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/include" -I"$root/src" -o "$output" "$@" "$build/libkanto_core.a" \
    -lrocksdb -lpg_query -lprotobuf-c -lre2 -lpcre2-8 -lcrypto -lpthread
}
