// expect: EBPF5005
/* unbounded_loop.c: a token-bucket XDP rate limiter that refills the bucket in a loop until it
 * holds enough tokens. The refill amount comes from a map and may be 0, so nothing bounds the loop.
 * TWIN: refills at most 16 times. The kernel: "BPF program is too large" (it gives up after 1M instructions). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bucket {
	__u64 tokens;
	__u64 refill;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct bucket);
} limiter SEC(".maps");

SEC("xdp")
int rate_limit(struct xdp_md *ctx)
{
	__u64 cost = ctx->data_end - ctx->data;
	__u32 zero = 0;
	struct bucket *b = bpf_map_lookup_elem(&limiter, &zero);
	__u64 tokens;

	if (!b)
		return XDP_PASS;
	tokens = b->tokens;
#ifdef TWIN
	for (int i = 0; i < 16 && tokens < cost; i++)
#else
	while (tokens < cost)
#endif
		tokens += b->refill;
	if (tokens < cost)
		return XDP_DROP;
	b->tokens = tokens - cost;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
