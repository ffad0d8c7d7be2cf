/* map_in_map.c: maps of maps: BPF_MAP_TYPE_ARRAY_OF_MAPS with a statically
 * initialised slot (.values = { [0] = &inner_a }, libbpf relocation in .rel.maps)
 * and BPF_MAP_TYPE_HASH_OF_MAPS, both declaring their inner map type with
 * __array(values, struct inner_map); two inner ARRAY maps of that named type.
 * An XDP program looks up outer then inner. License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_map);
} outer_arr SEC(".maps") = {
	.values = { [0] = &inner_a },	/* slot 1 left for user space (inner_b) */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 16);
	__type(key, __u32);			/* ifindex */
	__array(values, struct inner_map);
} outer_hash SEC(".maps");

static __always_inline void bump(void *inner, __u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(inner, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("xdp")
int xdp_map_in_map(struct xdp_md *ctx)
{
	__u32 ifindex = ctx->ingress_ifindex;
	__u32 slot = ctx->rx_queue_index & 1;
	void *inner;

	inner = bpf_map_lookup_elem(&outer_arr, &slot);
	if (inner)
		bump(inner, 0);
	inner = bpf_map_lookup_elem(&outer_hash, &ifindex);
	if (inner)
		bump(inner, ctx->rx_queue_index & 3);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
