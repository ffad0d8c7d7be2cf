/* helpers_maps.c: the map-like helpers on their maps, each result stored in
 * results[case] for the tests to compare with the kernel: bpf_map_push_elem /
 * pop_elem / peek_elem (87-89) on a QUEUE and a STACK (order, full map, BPF_EXIST
 * overwriting the oldest, empty map, bad flags); bpf_map_lookup_percpu_elem (195) on
 * a PERCPU_ARRAY (CPU 0, a CPU past the last); bpf_ringbuf_output / reserve / submit /
 * discard / query (130-134) with BPF_RB_NO_WAKEUP and BPF_RB_FORCE_WAKEUP, bad flags
 * and records too big; bpf_strncmp (182); bpf_ktime_get_coarse_ns (160) against
 * bpf_ktime_get_ns. The ring holds "first", "second" (reserved, submitted) and "third"
 * after one run ("dropped" is discarded). One XDP program; license GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __s64);
} results SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 3);
	__type(value, __u32);
} fifo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 3);
	__type(value, __u32);
} lifo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} per_cpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

static const char hello[] = "hello";

static __always_inline void put(__u32 k, __s64 v)
{
	bpf_map_update_elem(&results, &k, &v, 0);
}

static __always_inline void push_pop(void *map, __u32 base)
{
	__u32 v;

	for (__u32 i = 1; i <= 3; i++) {
		v = i * 10;
		put(base, bpf_map_push_elem(map, &v, 0));
	}
	v = 40;
	put(base + 1, bpf_map_push_elem(map, &v, 0));		/* full: -E2BIG */
	put(base + 2, bpf_map_push_elem(map, &v, BPF_EXIST));	/* drops the oldest */
	put(base + 3, bpf_map_push_elem(map, &v, BPF_NOEXIST));	/* -EINVAL */
	v = 0;
	put(base + 4, bpf_map_peek_elem(map, &v));
	put(base + 5, v);
	for (__u32 i = 0; i < 3; i++) {
		v = 0;
		bpf_map_pop_elem(map, &v);
		put(base + 6 + i, v);
	}
	put(base + 9, bpf_map_pop_elem(map, &v));		/* empty: -ENOENT */
	put(base + 10, bpf_map_peek_elem(map, &v));
}

SEC("xdp")
int map_cases(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u64 *slot;
	char *rec;

	push_pop(&fifo, 0);
	push_pop(&lifo, 11);

	slot = bpf_map_lookup_percpu_elem(&per_cpu, &zero, 0);
	if (slot)
		*slot = 77;
	slot = bpf_map_lookup_percpu_elem(&per_cpu, &zero, 0);
	put(22, slot ? *slot : -1);
	put(23, bpf_map_lookup_percpu_elem(&per_cpu, &zero, 100000) == 0);
	put(24, bpf_map_lookup_percpu_elem(&per_cpu, &(__u32){ 7 }, 0) == 0);

	put(25, bpf_ringbuf_output(&events, "first", 6, 0));
	rec = bpf_ringbuf_reserve(&events, 7, 0);
	if (rec) {
		__builtin_memcpy(rec, "second", 7);
		bpf_ringbuf_submit(rec, BPF_RB_NO_WAKEUP);
	}
	put(26, rec != 0);
	rec = bpf_ringbuf_reserve(&events, 8, 0);
	if (rec) {
		__builtin_memcpy(rec, "dropped", 8);
		bpf_ringbuf_discard(rec, BPF_RB_FORCE_WAKEUP);
	}
	put(27, bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA));
	put(28, bpf_ringbuf_query(&events, BPF_RB_RING_SIZE));
	put(29, bpf_ringbuf_query(&events, BPF_RB_CONS_POS));
	put(30, bpf_ringbuf_query(&events, BPF_RB_PROD_POS));
	put(31, bpf_ringbuf_query(&events, 99));
	put(32, bpf_ringbuf_output(&events, "third", 6, BPF_RB_FORCE_WAKEUP));
	put(33, bpf_ringbuf_output(&events, "bad", 4, 4));		/* -EINVAL */
	rec = bpf_ringbuf_reserve(&events, 8, 1);			/* flags: NULL */
	put(34, rec != 0);
	if (rec)
		bpf_ringbuf_discard(rec, 0);
	rec = bpf_ringbuf_reserve(&events, 8192, 0);			/* too big: NULL */
	put(35, rec != 0);
	if (rec)
		bpf_ringbuf_discard(rec, 0);
	put(36, bpf_ringbuf_query(&events, BPF_RB_PROD_POS));

	{
		char a[] = "hello", b[] = "help", c[] = "hellp", d[] = "hello, world", f[] = "hella";
		put(40, bpf_strncmp(a, sizeof(a), hello));
		put(41, bpf_strncmp(b, sizeof(b), hello));
		put(42, bpf_strncmp(c, sizeof(c), hello));
		put(43, bpf_strncmp(d, sizeof(d), hello));
		put(44, bpf_strncmp(d, 5, hello));
		put(45, bpf_strncmp(b, 3, hello));
		put(47, bpf_strncmp(f, sizeof(f), hello));
		d[0] = (char)0xe9;
		put(46, bpf_strncmp(d, 5, hello));
	}

	{
		__u64 coarse = bpf_ktime_get_coarse_ns();
		__u64 fine = bpf_ktime_get_ns();

		put(50, coarse != 0);
		put(51, coarse <= fine);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
