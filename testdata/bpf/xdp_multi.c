/* xdp_multi.c: several programs in one section (two SEC("xdp") programs) plus a
 * SEC("xdp.frags") program; Ethernet/IPv4/IPv6 parsing with bounds checks against
 * data_end; BTF maps ARRAY (struct value) and PERCPU_ARRAY; __sync_fetch_and_add
 * with the result unused (BPF_ATOMIC add, fine for -mcpu=v1). License GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct proto_stats { __u64 packets; __u64 bytes; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);	/* indexed by IPv4 protocol number */
	__type(key, __u32);
	__type(value, struct proto_stats);
} proto_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);		/* 0 = IPv4, 1 = IPv6, 2 = other */
	__type(key, __u32);
	__type(value, __u64);
} l3_count SEC(".maps");

SEC("xdp")
int xdp_count_proto(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;
	struct iphdr *iph = (void *)(eth + 1);
	struct proto_stats *st;
	__u32 proto;
	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (iph->ttl == 0)
		return XDP_DROP;
	proto = iph->protocol;
	st = bpf_map_lookup_elem(&proto_stats, &proto);
	if (st) {
		__sync_fetch_and_add(&st->packets, 1);
		__sync_fetch_and_add(&st->bytes, bpf_ntohs(iph->tot_len));
	}
	return XDP_PASS;
}

SEC("xdp")
int xdp_count_l3(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;
	struct ipv6hdr *ip6 = (void *)(eth + 1);
	__u32 key = 2;
	__u64 *cnt;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		key = 0;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		if ((void *)(ip6 + 1) > data_end || ip6->hop_limit == 0)
			return XDP_DROP;
		key = 1;
	}
	cnt = bpf_map_lookup_elem(&l3_count, &key);
	if (cnt)
		*cnt += 1;		/* per-CPU slot: no atomic needed */
	return XDP_PASS;
}

SEC("xdp.frags")
int xdp_frags_len(struct xdp_md *ctx)
{
	__u64 len = bpf_xdp_get_buff_len(ctx);	/* length across all fragments */
	return len > 9216 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
