// expect: EBPF5206
/* null_check.c: an XDP counter per ingress interface that increments the map value
 * bpf_map_lookup_elem returned without checking it for NULL (a missing key gives NULL).
 * TWIN: checks the result first. The kernel: "R0 invalid mem access 'map_value_or_null'". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} rx_packets SEC(".maps");

SEC("xdp")
int count_by_ifindex(struct xdp_md *ctx)
{
	__u32 ifindex = ctx->ingress_ifindex;
	__u64 *count = bpf_map_lookup_elem(&rx_packets, &ifindex);
#ifdef TWIN
	if (!count)
		return XDP_PASS;
#endif
	__sync_fetch_and_add(count, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
