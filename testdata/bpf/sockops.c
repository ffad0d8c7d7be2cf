// build: -mcpu=v3
/* sockops.c: SEC("sockops") (SOCK_OPS) program built with -mcpu=v3: it uses the
 * result of a 32-bit __sync_fetch_and_add (BPF_ATOMIC | BPF_W | BPF_FETCH, which
 * clang 14 refuses below v3) and gets v3 jmp32/alu32 code; counters in the named
 * custom section SEC(".data.counters"); HASH with struct key/value pinned with
 * LIBBPF_PIN_BY_NAME (libbpf pins it at /sys/fs/bpf/sockops_conns). License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define AF_INET 2
#define NR_OPS 16

__u64 op_counts[NR_OPS] SEC(".data.counters") = { [0] = 1 };
__u32 established_seq SEC(".data.counters") = 1;

struct conn_key { __u32 local_ip4, remote_ip4, local_port, remote_port; };
struct conn_info { __u64 established_ns; __u32 seq, srtt_us, rtt_samples, pad; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct conn_key);
	__type(value, struct conn_info);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} sockops_conns SEC(".maps");

SEC("sockops")
int sockops_track(struct bpf_sock_ops *skops)
{
	struct conn_key key = {};
	struct conn_info info = {}, *ci;
	__u32 op = skops->op;

	if (op < NR_OPS)
		__sync_fetch_and_add(&op_counts[op], 1);
	if (skops->family != AF_INET)
		return 1;
	key.local_ip4 = skops->local_ip4;
	key.remote_ip4 = skops->remote_ip4;
	key.local_port = skops->local_port;
	key.remote_port = skops->remote_port;

	switch (op) {
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB:
		info.seq = __sync_fetch_and_add(&established_seq, 1);	/* 32-bit fetch: v3 */
		info.established_ns = bpf_ktime_get_ns();
		bpf_map_update_elem(&sockops_conns, &key, &info, BPF_ANY);
		bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_RTT_CB_FLAG |
					  BPF_SOCK_OPS_STATE_CB_FLAG);
		break;
	case BPF_SOCK_OPS_RTT_CB:
		ci = bpf_map_lookup_elem(&sockops_conns, &key);
		if (ci) {
			ci->srtt_us = skops->srtt_us >> 3;
			__sync_fetch_and_add(&ci->rtt_samples, 1);
		}
		break;
	case BPF_SOCK_OPS_STATE_CB:
		if (skops->args[1] == 7 /* BPF_TCP_CLOSE */)
			bpf_map_delete_elem(&sockops_conns, &key);
		break;
	}
	return 1;
}

char _license[] SEC("license") = "GPL";
