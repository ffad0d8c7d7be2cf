// expect: EBPF5405
/* tail_call_map.c: an XDP dispatcher that tail-calls the parser for the packet's IP version
 * through a map of the wrong type: bpf_tail_call takes only a BPF_MAP_TYPE_PROG_ARRAY.
 * TWIN: the map is a program array. The kernel: "cannot pass map_type 2 into func bpf_tail_call". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
#ifdef TWIN
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
#else
	__uint(type, BPF_MAP_TYPE_ARRAY);
#endif
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} parsers SEC(".maps");

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 version;

	if (data + 15 > data_end)
		return XDP_PASS;
	version = *(__u8 *)(data + 14) >> 4;
	bpf_tail_call(ctx, &parsers, version == 6 ? 1 : 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
