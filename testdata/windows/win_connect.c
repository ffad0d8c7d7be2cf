/* win_connect.c: eBPF for Windows sock_addr programs on its bpf_sock_addr_t. The connect4 program redirects a
 * connection whose destination is in the redirects map (by writing user_ip4/user_port and proceeding, as
 * netebpfext's connect redirect reads them back), rejects one whose entry says so, and records the caller's
 * process id with the hook's own bpf_sock_addr_get_current_pid_tgid; connect6 rejects port 9 (discard). The
 * recv_accept4 section only Windows knows makes the object Windows' without --platform. */
#include "ebpf_windows_sock_addr.h"

struct endpoint {
	uint32_t ip;     /* network order */
	uint16_t port;   /* network order */
	uint16_t reject; /* in a value: 1 rejects instead of redirecting; 0 in a key */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct endpoint);
	__type(value, struct endpoint);
	__uint(max_entries, 16);
} redirects SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, uint32_t);
	__type(value, uint64_t);
	__uint(max_entries, 1);
} last_caller SEC(".maps");

SEC("cgroup/connect4")
int redirect_v4(bpf_sock_addr_t *ctx)
{
	uint32_t zero = 0;
	uint64_t pid_tgid = bpf_sock_addr_get_current_pid_tgid(ctx);

	bpf_map_update_elem(&last_caller, &zero, &pid_tgid, 0);
	if (ctx->family != AF_INET || (ctx->protocol != IPPROTO_TCP && ctx->protocol != IPPROTO_UDP))
		return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;

	struct endpoint key = { .ip = ctx->user_ip4, .port = ctx->user_port };
	struct endpoint *to = bpf_map_lookup_elem(&redirects, &key);
	if (!to)
		return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
	if (to->reject)
		return BPF_SOCK_ADDR_VERDICT_REJECT;
	ctx->user_ip4 = to->ip;
	ctx->user_port = to->port;
	return BPF_SOCK_ADDR_VERDICT_PROCEED_HARD;
}

SEC("cgroup/connect6")
int reject_discard_v6(bpf_sock_addr_t *ctx)
{
	return ctx->user_port == bpf_htons(9) ? BPF_SOCK_ADDR_VERDICT_REJECT : BPF_SOCK_ADDR_VERDICT_PROCEED;
}

SEC("cgroup/recv_accept4")
int admit_v4(bpf_sock_addr_t *ctx)
{
	return bpf_is_current_admin(ctx) ? BPF_SOCK_ADDR_VERDICT_PROCEED_HARD : BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}
