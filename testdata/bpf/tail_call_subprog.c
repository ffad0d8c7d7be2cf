/* tail_call_subprog.c: bpf_tail_call from a sub-program, which Linux allows with its
 * JIT: the target replaces the sub-program, and the sub-program's caller gets the
 * target's return value. Slot 0 of jump_table must be filled with tail_target by user
 * space; a chained target (slot 1) tail-calls once more. Each step records itself in
 * an ARRAY. License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jump_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} steps SEC(".maps");

static __always_inline void record(__u32 step, __u64 value)
{
	bpf_map_update_elem(&steps, &step, &value, BPF_ANY);
}

SEC("xdp")
int tail_target(struct xdp_md *ctx)
{
	record(1, ctx->ingress_ifindex + 41);
	return ctx->ingress_ifindex + 41;
}

SEC("xdp")
int tail_chain(struct xdp_md *ctx)
{
	record(2, 1);
	bpf_tail_call(ctx, &jump_table, 0);
	return 3;
}

static __noinline int dispatch(struct xdp_md *ctx, __u32 slot)
{
	bpf_tail_call(ctx, &jump_table, slot);
	record(3, slot);	/* reached only when the slot is empty */
	return ctx->ingress_ifindex + 4;
}

SEC("xdp")
int subprog_tail(struct xdp_md *ctx)
{
	int r = dispatch(ctx, ctx->rx_queue_index);
	record(4, r);
	r += dispatch(ctx, 1);
	record(5, r);
	return r > 100 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
