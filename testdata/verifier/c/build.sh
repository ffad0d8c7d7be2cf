#!/usr/bin/env bash
# Builds every X.c in this folder twice, as testdata/bpf does:
#   X.bug.o   the program with its deliberate bug
#   X.twin.o  the correct twin (-DTWIN)
# with clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu.
# With --load (root, bpffs at /sys/fs/bpf) it asks the kernel for its verdict on each object with
# `bpftool prog loadall`, and removes every pin it made. A source whose first line is
# "// kernel: -perfmon" is loaded without CAP_SYS_ADMIN and CAP_PERFMON: the kernel refuses pointer
# leaks only from such loaders, while our verifier always refuses them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CLANG=${CLANG:-clang}
CFLAGS=(-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu)

for src in *.c; do
	name="${src%.c}"
	echo "CC $src"
	"$CLANG" "${CFLAGS[@]}" -c "$src" -o "$name.bug.o"
	"$CLANG" "${CFLAGS[@]}" -DTWIN -c "$src" -o "$name.twin.o"
done

if [[ ${1-} == --load ]]; then
	for obj in *.o; do
		pin=/sys/fs/bpf/verifier_corpus_${obj%.o}
		pin=${pin//./_}
		rm -rf "$pin"
		drop=()
		if [[ $(head -n 1 "${obj%%.*}.c") == "// kernel: -perfmon" ]]; then
			drop=(setpriv --inh-caps=-sys_admin,-perfmon --bounding-set=-sys_admin,-perfmon)
		fi
		if ${drop[@]+"${drop[@]}"} bpftool prog loadall "$obj" "$pin" >/dev/null 2>&1; then
			echo "LOAD $obj: accepted"
		else
			echo "LOAD $obj: rejected"
		fi
		rm -rf "$pin"
	done
fi
