// expect: EBPF5005
/* shift_loop.c: an XDP program that keeps a histogram of a timestamp's bit length (a cheap log2 for
 * sampling), halving the value in a loop and counting the halvings. The bug halves until the value is
 * 1, which never happens when it is 0: nothing bounds the loop. TWIN: halves until it is 0, which takes
 * at most 64 trips. Both verifiers walk the trips (no counter relates the value to them, so our widening
 * cannot prove it): the twin ends after 40, the bug never does, and as its count of halvings changes every
 * trip, both give up after 1M instructions (the kernel: "BPF program is too large"). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 65);
	__type(key, __u32);
	__type(value, __u64);
} histogram SEC(".maps");

SEC("xdp")
int timestamp_bits(struct xdp_md *ctx)
{
	__u64 value = bpf_ktime_get_ns() & 0xffffffffffULL;
	__u32 bits = 0;
	__u64 *count;

#ifdef TWIN
	while (value) {
#else
	while (value != 1) {
#endif
		value >>= 1;
		bits++;
		/* Keeps clang from replacing the loop with a count of leading zeros. */
		asm volatile("" : "+r"(value));
	}
	count = bpf_map_lookup_elem(&histogram, &bits);
	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
