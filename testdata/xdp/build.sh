#!/usr/bin/env bash
# Rebuilds the XDP hook test programs: clang -O2 -g -target bpf for each .c into the .o beside it.
# With --load (root, bpffs) it also checks that the kernel accepts each one, and removes its pins.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for src in *.c; do
	echo "CC $src"
	"${CLANG:-clang}" -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -fdebug-prefix-map="$(pwd)"=. -c "$src" -o "${src%.c}.o"
done
if [[ ${1-} == --load ]]; then
	for obj in *.o; do
		pin=/sys/fs/bpf/testdata_xdp_${obj%.o}
		rm -rf "$pin"
		bpftool prog loadall "$obj" "$pin" >/dev/null && echo "LOAD $obj: accepted" || echo "LOAD $obj: rejected"
		rm -rf "$pin"
	done
fi
