/* sock_policy.c: the socket hook tests' policy, driven by maps the test fills.
 *   bind4/bind6:       counts every bind per port (host order) in `bind_count`; refuses ports
 *                      in `denied_ports` (EPERM); rewrites ports found in `bind_redirect`.
 *   connect4/connect6: rewrites (address, port) pairs found in `connect_redirect` (IPv4; the
 *                      IPv6 program only maps ports, keeping the address) and counts connects.
 * Ports in the maps are in host order; the context holds them in network order. License GPL. */
#include <linux/bpf.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} bind_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} denied_ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} bind_redirect SEC(".maps");

struct endpoint4 {
	__u32 ip4;	/* network order */
	__u32 port;	/* host order */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct endpoint4);
	__type(value, struct endpoint4);
} connect_redirect SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} connect_count SEC(".maps");

static __always_inline int on_bind(struct bpf_sock_addr *ctx)
{
	__u32 port = bpf_ntohs(ctx->user_port);
	__u64 one = 1, *count = bpf_map_lookup_elem(&bind_count, &port);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&bind_count, &port, &one, BPF_NOEXIST);
	if (bpf_map_lookup_elem(&denied_ports, &port))
		return 0;
	__u32 *to = bpf_map_lookup_elem(&bind_redirect, &port);
	if (to)
		ctx->user_port = bpf_htons(*to);
	return 1;
}

SEC("cgroup/bind4")
int bind4(struct bpf_sock_addr *ctx)
{
	return on_bind(ctx);
}

SEC("cgroup/bind6")
int bind6(struct bpf_sock_addr *ctx)
{
	return on_bind(ctx);
}

static __always_inline void count_connect(void)
{
	__u32 zero = 0;
	__u64 *count = bpf_map_lookup_elem(&connect_count, &zero);
	if (count)
		__sync_fetch_and_add(count, 1);
}

SEC("cgroup/connect4")
int connect4(struct bpf_sock_addr *ctx)
{
	struct endpoint4 key = { .ip4 = ctx->user_ip4, .port = bpf_ntohs(ctx->user_port) };
	count_connect();
	struct endpoint4 *to = bpf_map_lookup_elem(&connect_redirect, &key);
	if (to) {
		ctx->user_ip4 = to->ip4;
		ctx->user_port = bpf_htons(to->port);
	}
	return 1;
}

SEC("cgroup/connect6")
int connect6(struct bpf_sock_addr *ctx)
{
	struct endpoint4 key = { .ip4 = 0, .port = bpf_ntohs(ctx->user_port) };
	count_connect();
	struct endpoint4 *to = bpf_map_lookup_elem(&connect_redirect, &key);
	if (to)
		ctx->user_port = bpf_htons(to->port);
	return 1;
}

char _license[] SEC("license") = "GPL";
