/* tail_calls.c: BPF_MAP_TYPE_PROG_ARRAY declared with __uint(key_size, ...) and
 * __uint(value_size, ...) instead of __type (values are program fds), used with
 * bpf_tail_call from an XDP dispatcher; four programs in the one SEC("xdp")
 * section (dispatcher + three handlers meant for slots 0..2, filled by user space);
 * falls through to XDP_PASS when a slot is empty. License GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum { SLOT_IPV4 = 0, SLOT_IPV6 = 1, SLOT_ARP = 2, NR_SLOTS = 4 };

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, NR_SLOTS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jmp_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} handled SEC(".maps");

static __always_inline int count(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&handled, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
	return XDP_PASS;
}

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	switch (bpf_ntohs(eth->h_proto)) {
	case ETH_P_IP:   bpf_tail_call(ctx, &jmp_table, SLOT_IPV4); break;
	case ETH_P_IPV6: bpf_tail_call(ctx, &jmp_table, SLOT_IPV6); break;
	case ETH_P_ARP:  bpf_tail_call(ctx, &jmp_table, SLOT_ARP); break;
	}
	return XDP_PASS;	/* unknown EtherType or empty slot */
}

SEC("xdp")
int xdp_handle_ipv4(struct xdp_md *ctx) { return count(SLOT_IPV4); }

SEC("xdp")
int xdp_handle_ipv6(struct xdp_md *ctx) { return count(SLOT_IPV6); }

SEC("xdp")
int xdp_handle_arp(struct xdp_md *ctx) { return count(SLOT_ARP); }

char _license[] SEC("license") = "GPL";
