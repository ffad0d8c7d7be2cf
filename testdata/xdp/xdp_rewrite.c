/* xdp_rewrite.c: every XDP verdict and packet change, chosen by the packet, for the
 * differential test of the capture mode against the kernel's test runs:
 *   not IPv4                 -> XDP_DROP
 *   TCP                      -> swap the MAC addresses, XDP_TX
 *   UDP, even dest port      -> trim 4 bytes off the tail (bpf_xdp_adjust_tail), XDP_PASS
 *   UDP, odd dest port       -> push a copy of the Ethernet header (bpf_xdp_adjust_head -14), XDP_PASS
 *   ICMP                     -> bpf_redirect to ifindex 7
 *   other IPv4, TTL 1        -> return 9 (unknown: aborted)
 *   other IPv4               -> pull the Ethernet header off (adjust_head +14), XDP_ABORTED
 * Counts packets per verdict in `verdicts`. One XDP program; license GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline int count(int verdict)
{
	__u32 key = verdict & 15;
	__u64 *v = bpf_map_lookup_elem(&verdicts, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	return verdict;
}

SEC("xdp")
int rewrite(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return count(XDP_DROP);
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end)
		return count(XDP_DROP);
	if (ip->protocol == IPPROTO_TCP) {
		unsigned char tmp[ETH_ALEN];
		__builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
		__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
		__builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
		return count(XDP_TX);
	}
	if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = (void *)(ip + 1);
		if ((void *)(udp + 1) > end)
			return count(XDP_DROP);
		if ((bpf_ntohs(udp->dest) & 1) == 0) {
			if (bpf_xdp_adjust_tail(ctx, -4))
				return count(XDP_ABORTED);
			return count(XDP_PASS);
		}
		struct ethhdr copy = *eth;
		if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct ethhdr)))
			return count(XDP_ABORTED);
		data = (void *)(long)ctx->data;
		end = (void *)(long)ctx->data_end;
		eth = data;
		if ((void *)(eth + 1) > end)
			return count(XDP_ABORTED);
		*eth = copy;
		return count(XDP_PASS);
	}
	if (ip->protocol == IPPROTO_ICMP)
		return count(bpf_redirect(7, 0));
	if (ip->ttl == 1)
		return count(9);
	bpf_xdp_adjust_head(ctx, (int)sizeof(struct ethhdr));
	return count(XDP_ABORTED);
}

char _license[] SEC("license") = "GPL";
