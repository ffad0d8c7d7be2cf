/* globals.c: global data of every kind in one XDP program: initialised globals
 * (.data), const volatile configuration (.rodata, meant to be set before load),
 * zero-initialised globals (.bss), string literals passed straight to
 * bpf_trace_printk (mergeable strings in .rodata.str1.1), and a named custom
 * section SEC(".data.counters"); a bounded loop over a .rodata table that clang
 * keeps as a loop (#pragma clang loop unroll(disable)). License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NR_BUCKETS 4
#define TRACE(fmt, ...) bpf_trace_printk(fmt, sizeof(fmt), ##__VA_ARGS__)

/* .rodata */
const volatile __u32 bucket_limit[NR_BUCKETS] = { 64, 256, 1024, 1518 };
const volatile __u8 verbose = 0;
const volatile __u32 drop_above = 9000;

/* .data */
__u32 sample_every = 64;
char tag[8] = "xdp-glb";

/* .bss */
__u64 bucket_hits[NR_BUCKETS + 1];	/* last slot: larger than every limit */
__u64 packets;

/* .data.counters */
__u64 runs SEC(".data.counters") = 1;
__u64 oversize SEC(".data.counters") = 0;

SEC("xdp")
int xdp_globals(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	__u32 b;

	__sync_fetch_and_add(&packets, 1);
	__sync_fetch_and_add(&runs, 1);
#pragma clang loop unroll(disable)
	for (b = 0; b < NR_BUCKETS; b++) {
		if (len <= bucket_limit[b])
			break;
	}
	__sync_fetch_and_add(&bucket_hits[b], 1);

	if (verbose && sample_every && packets % sample_every == 0)
		TRACE("%s: len=%u bucket=%u\n", tag, len, b);
	if (len > drop_above) {
		__sync_fetch_and_add(&oversize, 1);
		TRACE("oversize frame dropped\n");
		return XDP_DROP;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
