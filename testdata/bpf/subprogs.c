/* subprogs.c: sub-programs in .text called from several programs (two SEC("xdp")
 * and one SEC("tc")): static __attribute__((noinline)) functions, one calling
 * another (mix -> fold16), and global (non-static) functions that the verifier
 * checks on their own: one with scalar args, two taking the program context.
 * Results land in .bss so nothing is optimised away. License GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

__u32 last_hash;			/* .bss */
__u32 privileged_hits;			/* .bss */

static __attribute__((noinline)) __u16 fold16(__u32 v)
{
	v = (v & 0xffff) + (v >> 16);
	v = (v & 0xffff) + (v >> 16);
	return (__u16)~v;
}

static __attribute__((noinline)) __u32 mix(__u32 a, __u32 b)
{
	return fold16(a ^ (b << 7)) + b;	/* sub-program calling a sub-program */
}

/* global function, scalar argument */
__attribute__((noinline)) int is_privileged_port(__u32 port)
{
	return port != 0 && port < 1024;
}

/* global function taking the XDP context: returns the IPv4 protocol or -1 */
__attribute__((noinline)) int xdp_ipv4_proto(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;
	struct iphdr *iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	return iph->protocol;
}

/* global function taking the skb context */
__attribute__((noinline)) int skb_is_large(struct __sk_buff *skb)
{
	return skb->len > 1024;
}

SEC("xdp")
int xdp_sub_proto(struct xdp_md *ctx)
{
	int proto = xdp_ipv4_proto(ctx);
	if (proto < 0)
		return XDP_PASS;
	last_hash = mix(proto, ctx->rx_queue_index);
	return XDP_PASS;
}

SEC("xdp")
int xdp_sub_hash(struct xdp_md *ctx)
{
	last_hash = mix(ctx->ingress_ifindex, ctx->rx_queue_index);
	if (is_privileged_port(last_hash & 0xffff))
		__sync_fetch_and_add(&privileged_hits, 1);
	return xdp_ipv4_proto(ctx) == 255 ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int tc_sub(struct __sk_buff *skb)
{
	last_hash = mix(skb->len, skb->mark);
	if (is_privileged_port(skb->mark) && skb_is_large(skb))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
