#!/bin/sh
# Rebuilds the clang BPF objects committed beside their sources in testdata/.
# Needs clang (the committed objects come from clang 14) and libbpf-dev for <bpf/bpf_helpers.h>.
set -eu
cd "$(dirname "$0")"

# The prefix map keeps the build directory out of the debug info, so objects do not depend on the checkout path.
CFLAGS="-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -fdebug-prefix-map=$(pwd)=."

# Objects that need v3 (32-bit subregisters, JMP32, 32-bit atomics).
V3="isa/alu32 isa/atomics"

for src in isa/*.c; do
    name="${src%.c}"
    cpu=""
    case " $V3 " in *" $name "*) cpu="-mcpu=v3" ;; esac
    echo "clang $cpu $src"
    # shellcheck disable=SC2086 # word splitting of the flags is intended
    clang $CFLAGS $cpu -c "$src" -o "$name.o"
done

for src in isa/*.s; do
    echo "clang -mcpu=v3 $src"
    clang -target bpf -mcpu=v3 -c "$src" -o "${src%.s}.o"
done

# eBPF for Windows programs: our own headers declare its contexts and helper numbers, so no Linux header is used.
for src in sockets/windows/*.c windows/*.c; do
    echo "clang $src"
    # shellcheck disable=SC2086
    clang -O2 -g -target bpf -fdebug-prefix-map="$(pwd)=." -c "$src" -o "${src%.c}.o"
done

# CO-RE and __kconfig: core_local.c is relocated against the .BTF of core_target.c (or core_ambiguous.c).
for src in core/*.c; do
    echo "clang $src"
    # shellcheck disable=SC2086 # word splitting of the flags is intended
    clang $CFLAGS -c "$src" -o "${src%.c}.o"
done
