#!/usr/bin/env bash
# Builds kernel_types.o, whose .BTF section is the target BTF of the golden cases about BTF-typed pointers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
"${CLANG:-clang}" -O2 -g -target bpf -fdebug-prefix-map="$(pwd)"=. -c kernel_types.c -o kernel_types.o
