/* cgroup_sock_addr.c: cgroup sock_addr hooks SEC("cgroup/bind4"), ("cgroup/bind6"),
 * ("cgroup/connect4"), ("cgroup/connect6") (expected_attach_type comes from the
 * section name); LPM_TRIE maps with BPF_F_NO_PREALLOC and a struct key starting with
 * prefixlen (IPv4 and IPv6); HASH with map_flags BPF_F_NO_PREALLOC; a static inline
 * helper shared by two programs. Return 1 = allow, 0 = reject. License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct lpm_v4_key { __u32 prefixlen; __u32 addr; };
struct lpm_v6_key { __u32 prefixlen; __u32 addr[4]; };

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* mandatory for LPM tries */
	__uint(max_entries, 1024);
	__type(key, struct lpm_v4_key);
	__type(value, __u32);			/* rule id */
} deny_v4 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1024);
	__type(key, struct lpm_v6_key);
	__type(value, __u32);
} deny_v6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 256);
	__type(key, __u32);			/* port, host order */
	__type(value, __u32);			/* uid allowed to bind it */
} low_port_owner SEC(".maps");

static __always_inline int may_bind(struct bpf_sock_addr *ctx)
{
	__u32 port = bpf_ntohs(ctx->user_port);
	__u32 *owner;

	if (port == 0 || port >= 1024)
		return 1;
	owner = bpf_map_lookup_elem(&low_port_owner, &port);
	return owner && *owner == (__u32)bpf_get_current_uid_gid();
}

SEC("cgroup/bind4")
int bind4_guard(struct bpf_sock_addr *ctx) { return may_bind(ctx); }

SEC("cgroup/bind6")
int bind6_guard(struct bpf_sock_addr *ctx) { return may_bind(ctx); }

SEC("cgroup/connect4")
int connect4_deny(struct bpf_sock_addr *ctx)
{
	struct lpm_v4_key key = { .prefixlen = 32, .addr = ctx->user_ip4 };

	return bpf_map_lookup_elem(&deny_v4, &key) ? 0 : 1;
}

SEC("cgroup/connect6")
int connect6_deny(struct bpf_sock_addr *ctx)
{
	struct lpm_v6_key key = { .prefixlen = 128 };

	key.addr[0] = ctx->user_ip6[0];
	key.addr[1] = ctx->user_ip6[1];
	key.addr[2] = ctx->user_ip6[2];
	key.addr[3] = ctx->user_ip6[3];
	return bpf_map_lookup_elem(&deny_v6, &key) ? 0 : 1;
}

char _license[] SEC("license") = "GPL";
