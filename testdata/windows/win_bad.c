/* win_bad.c: eBPF for Windows programs the verifier refuses: an XDP test program that reads the frame without
 * checking data_end, and a sock_addr program that writes protocol, which no hook reads back (only user_ip and
 * user_port are writable). Sections only Windows knows, so the object is Windows' by itself. */
#include "ebpf_windows_xdp.h"
#include "ebpf_windows_sock_addr.h"

SEC("xdp_test")
int unchecked_read(xdp_md_t *ctx)
{
	uint8_t *data = ctx->data;

	return data[12] == 0x08 ? XDP_PASS : XDP_DROP;
}

SEC("cgroup/recv_accept4")
int writes_protocol(bpf_sock_addr_t *ctx)
{
	ctx->protocol = IPPROTO_UDP;
	return BPF_SOCK_ADDR_VERDICT_PROCEED;
}
