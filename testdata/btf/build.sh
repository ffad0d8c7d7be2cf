#!/bin/sh
# Rebuilds the BTF test objects from their C sources (needs clang and libbpf-dev).
# The objects are committed so tests run without clang.
set -eu
cd "$(dirname "$0")"
for src in *.c; do
  clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$src" -o "${src%.c}.o"
done
