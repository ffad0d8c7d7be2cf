#!/usr/bin/env bash
# Builds every X.c in this folder twice, as testdata/bpf does:
#   X.bug.o   the program with its deliberate bug
#   X.twin.o  the correct twin (-DTWIN)
# with clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu.
# With --load (root, bpffs at /sys/fs/bpf) it asks the kernel for its verdict on each object with
# `bpftool prog loadall`, and removes every pin it made. A source with the line "// kernel: -perfmon"
# is loaded without CAP_SYS_ADMIN and CAP_PERFMON: the kernel refuses pointer leaks and reads of
# uninitialized stack only from such loaders, while our verifier always refuses them.
# Each source's "// expect: EBPFnnnn" line is the diagnostic our verifier must give its bug.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CLANG=${CLANG:-clang}
# The prefix map keeps the checkout path out of the debug info, so the objects do not depend on it.
CFLAGS=(-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -fdebug-prefix-map="$(pwd)"=.)

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
		if grep -qx "// kernel: -perfmon" "${obj%%.*}.c"; then
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
