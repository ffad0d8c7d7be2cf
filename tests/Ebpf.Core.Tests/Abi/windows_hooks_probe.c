/*
 * Prints what testdata/windows/ebpf_windows_xdp.h and ebpf_windows_sock_addr.h (our restatement of eBPF for
 * Windows' headers, with which the Windows samples are compiled) say about xdp_md_t, bpf_sock_addr_t and the helper
 * numbers, in abi_probe.c's line format:
 *   struct <name> <sizeof>
 *   field <struct> <member> <offsetof> <sizeof>
 *   helper <name> <number>
 * WindowsHookAbiTests.cs compiles it with gcc (x86-64 lays these members out as MSVC's x64 does) and runs it.
 */
#include <stddef.h>
#include <stdio.h>
#include "ebpf_windows_xdp.h"
#include "ebpf_windows_sock_addr.h"

#define FIELD(s, t, f) printf("field %s %s %zu %zu\n", #s, #f, offsetof(t, f), sizeof(((t *)0)->f));
#define HELPER(f) printf("helper %s %lld\n", #f, (long long)(size_t)f);

int main(void)
{
	printf("struct xdp_md %zu\n", sizeof(xdp_md_t));
	FIELD(xdp_md, xdp_md_t, data) FIELD(xdp_md, xdp_md_t, data_end) FIELD(xdp_md, xdp_md_t, data_meta)
	FIELD(xdp_md, xdp_md_t, ingress_ifindex) FIELD(xdp_md, xdp_md_t, rx_queue_index)
	printf("struct bpf_sock_addr %zu\n", sizeof(bpf_sock_addr_t));
	FIELD(bpf_sock_addr, bpf_sock_addr_t, family) FIELD(bpf_sock_addr, bpf_sock_addr_t, msg_src_ip6)
	FIELD(bpf_sock_addr, bpf_sock_addr_t, msg_src_port) FIELD(bpf_sock_addr, bpf_sock_addr_t, user_ip6)
	FIELD(bpf_sock_addr, bpf_sock_addr_t, user_port) FIELD(bpf_sock_addr, bpf_sock_addr_t, protocol)
	FIELD(bpf_sock_addr, bpf_sock_addr_t, compartment_id) FIELD(bpf_sock_addr, bpf_sock_addr_t, interface_luid)
	HELPER(bpf_map_lookup_elem) HELPER(bpf_map_update_elem) HELPER(bpf_tail_call) HELPER(bpf_ktime_get_ns)
	HELPER(bpf_get_current_pid_tgid) HELPER(bpf_ktime_get_ms) HELPER(bpf_get_current_logon_id) HELPER(bpf_is_current_admin)
	printf("xdp_helper bpf_xdp_adjust_head %lld\n", (long long)(size_t)bpf_xdp_adjust_head);
	printf("sock_addr_helper bpf_sock_addr_get_current_pid_tgid %lld\n", (long long)(size_t)bpf_sock_addr_get_current_pid_tgid);
	printf("sock_addr_helper bpf_sock_addr_set_redirect_context %lld\n", (long long)(size_t)bpf_sock_addr_set_redirect_context);
	printf("xdp_action %d %d %d %d\n", XDP_PASS, XDP_DROP, XDP_TX, XDP_REDIRECT);
	printf("verdict %d %d %d\n", BPF_SOCK_ADDR_VERDICT_REJECT, BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT, BPF_SOCK_ADDR_VERDICT_PROCEED_HARD);
	return 0;
}
