#!/usr/bin/env bash
# Rebuilds every .c in this folder into the .o beside it:
#   clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu [extra] -c X.c -o X.o
# [extra] comes only from a first line of the form "// build: -mcpu=v3".
# With --load (root, bpffs at /sys/fs/bpf) it then runs `bpftool prog loadall` on
# each object, prints accepted/rejected, and removes every pin it created.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CLANG=${CLANG:-clang}
CFLAGS=(-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu)

for src in *.c; do
	extra=()
	first=$(head -n 1 "$src")
	if [[ $first =~ ^//[[:space:]]*build:(.*)$ ]]; then
		read -r -a extra <<< "${BASH_REMATCH[1]}"
	fi
	echo "CC $src${extra[*]+ ${extra[*]}}"
	"$CLANG" "${CFLAGS[@]}" ${extra[@]+"${extra[@]}"} -c "$src" -o "${src%.c}.o"
done

if [[ ${1-} == --load ]]; then
	keep_pin=$([[ -e /sys/fs/bpf/sockops_conns ]] && echo yes || echo no)
	for obj in *.o; do
		pin=/sys/fs/bpf/testdata_${obj%.o}
		rm -rf "$pin"
		if bpftool prog loadall "$obj" "$pin" >/dev/null 2>&1; then
			echo "LOAD $obj: accepted ($(ls "$pin" | tr '\n' ' '))"
		else
			echo "LOAD $obj: rejected"
		fi
		rm -rf "$pin"
	done
	# sockops.o pins its map by name (LIBBPF_PIN_BY_NAME); remove it unless it predates us
	[[ $keep_pin == yes ]] || rm -f /sys/fs/bpf/sockops_conns
fi
