// expect: EBPF5102
// kernel: -perfmon
/* uninit_stack.c: an XDP program that looks up a per-queue policy with a struct key whose
 * `reserved` member is never written, so the helper reads two uninitialized stack bytes.
 * TWIN: zeroes the key first. Privileged loaders may read uninitialized stack, so the kernel's
 * verdict is asked without CAP_PERFMON: "invalid indirect read from stack". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct queue_key {
	__u32 ifindex;
	__u16 queue;
	__u16 reserved;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct queue_key);
	__type(value, __u32);
} queue_policy SEC(".maps");

SEC("xdp")
int policy_by_queue(struct xdp_md *ctx)
{
	struct queue_key key;
	__u32 *action;

#ifdef TWIN
	__builtin_memset(&key, 0, sizeof(key));
#endif
	key.ifindex = ctx->ingress_ifindex;
	key.queue = (__u16)ctx->rx_queue_index;
	action = bpf_map_lookup_elem(&queue_policy, &key);
	if (action && *action == XDP_DROP)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
