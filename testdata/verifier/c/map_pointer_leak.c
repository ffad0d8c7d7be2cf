// expect: EBPF5303
// kernel: -perfmon
/* map_pointer_leak.c: an XDP program that remembers where the last packet started by storing the
 * packet pointer in a map, which hands a kernel address to user space.
 * TWIN: stores the packet's length instead. The kernel refuses leaks only from loaders without
 * CAP_PERFMON, so its verdict is asked without it: "R1 leaks addr into map". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} last_packet SEC(".maps");

SEC("xdp")
int remember_packet(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u64 *slot = bpf_map_lookup_elem(&last_packet, &zero);

	if (!slot)
		return XDP_PASS;
#ifdef TWIN
	*slot = bpf_xdp_get_buff_len(ctx);
#else
	*slot = (__u64)(long)ctx->data;
#endif
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
