/*
 * Prints what testdata/sockets/windows/ebpf_windows_bind.h (our restatement of eBPF for Windows' headers, with which
 * the Windows samples are compiled) says about bind_md_t and the helper numbers, in abi_probe.c's line format:
 *   struct <name> <sizeof>
 *   field <struct> <member> <offsetof> <sizeof>
 *   helper <name> <number>
 * WindowsAbiTests.cs compiles it with gcc (x86-64 lays these fixed-width members out as MSVC's x64 does) and runs it.
 */
#include <stddef.h>
#include <stdio.h>
#include "ebpf_windows_bind.h"

#define FIELD(f) printf("field bind_md %s %zu %zu\n", #f, offsetof(bind_md_t, f), sizeof(((bind_md_t *)0)->f));
#define HELPER(f) printf("helper %s %lld\n", #f, (long long)(size_t)f);

int main(void)
{
	printf("struct bind_md %zu\n", sizeof(bind_md_t));
	FIELD(app_id_start) FIELD(app_id_end) FIELD(process_id) FIELD(socket_address)
	FIELD(socket_address_length) FIELD(operation) FIELD(protocol)
	HELPER(bpf_map_lookup_elem) HELPER(bpf_map_update_elem) HELPER(bpf_map_delete_elem)
	HELPER(bpf_ktime_get_ns) HELPER(bpf_trace_printk2) HELPER(bpf_get_current_pid_tgid)
	printf("action %d %d %d %d\n", BIND_PERMIT_SOFT, BIND_DENY, BIND_REDIRECT, BIND_PERMIT_HARD);
	return 0;
}
