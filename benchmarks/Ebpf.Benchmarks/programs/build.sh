#!/usr/bin/env bash
# Rebuilds the benchmark's own eBPF programs (needs clang and libbpf-dev).
set -euo pipefail
cd "$(dirname "$0")"
for c in *.c; do clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$c" -o "${c%.c}.o"; done
