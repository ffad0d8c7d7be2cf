// expect: EBPF5404
/* helper_argument.c: an XDP program that copies a variable-length option from the packet into a
 * 32-byte stack buffer with bpf_xdp_load_bytes, passing a length read from the packet unchecked:
 * the helper's size argument is not bounded by the buffer it writes.
 * TWIN: the length is masked into [1, 32]. The kernel: "R4 invalid zero-sized read". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} option_sum SEC(".maps");

SEC("xdp")
int copy_option(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 buf[32] = {};
	__u32 zero = 0;
	__u32 len;
	__u64 *sum;

	if (data + 15 > data_end)
		return XDP_PASS;
	len = *(__u8 *)(data + 14);
#ifdef TWIN
	len = (len & (sizeof(buf) - 1)) + 1;	/* the option stores its length minus one */
#endif
	if (bpf_xdp_load_bytes(ctx, 15, buf, len) < 0)
		return XDP_DROP;
	sum = bpf_map_lookup_elem(&option_sum, &zero);
	if (sum)
		*sum += buf[0];
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
