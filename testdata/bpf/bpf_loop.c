/* bpf_loop.c: bpf_loop (helper 181) with static callbacks, so each callback's
 * address is materialised with lddw src_reg=BPF_PSEUDO_FUNC (R_BPF_64_64 against
 * .text). The same callback is used by an XDP and a tc program; a second callback
 * stops the loop early by returning 1. Loop state lives on the caller's stack.
 * License GPL. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#define SCAN_LEN 32

struct scan_ctx {
	__u8 buf[SCAN_LEN];
	__u32 sum;
	__u32 first_zero;
};

__u64 checksum_total;			/* .bss */

static long sum_cb(__u32 idx, void *arg)
{
	struct scan_ctx *c = arg;

	if (idx >= SCAN_LEN)
		return 1;			/* stop */
	c->sum += c->buf[idx];
	return 0;				/* continue */
}

static long find_zero_cb(__u32 idx, void *arg)
{
	struct scan_ctx *c = arg;

	if (idx >= SCAN_LEN)
		return 1;
	if (c->buf[idx] == 0) {
		c->first_zero = idx;
		return 1;			/* break out early */
	}
	return 0;
}

SEC("xdp")
int xdp_loop_sum(struct xdp_md *ctx)
{
	struct scan_ctx c = {};

	if (bpf_xdp_load_bytes(ctx, 0, c.buf, SCAN_LEN) < 0)
		return XDP_PASS;
	bpf_loop(SCAN_LEN, sum_cb, &c, 0);
	__sync_fetch_and_add(&checksum_total, c.sum);
	return XDP_PASS;
}

SEC("tc")
int tc_loop_scan(struct __sk_buff *skb)
{
	struct scan_ctx c = { .first_zero = SCAN_LEN };

	if (bpf_skb_load_bytes(skb, 0, c.buf, SCAN_LEN) < 0)
		return TC_ACT_OK;
	bpf_loop(SCAN_LEN, sum_cb, &c, 0);
	bpf_loop(SCAN_LEN, find_zero_cb, &c, 0);
	skb->mark = c.sum ^ (c.first_zero << 24);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
