/* win_xdp_tail.c: tail calls under eBPF for Windows' numbering (bpf_tail_call is helper 5 there, 12 on Linux),
 * in its test XDP hook (section "xdp_test", which only Windows knows, so the object is read as Windows' by itself).
 * The dispatcher jumps to slot 0 of the program array, filled by user space; an empty slot falls through to XDP_PASS. */
#include "ebpf_windows_xdp.h"

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, uint32_t);
	__type(value, uint32_t);
} jump SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, uint32_t);
	__type(value, uint64_t);
	__uint(max_entries, 1);
} dropped SEC(".maps");

SEC("xdp_test")
int dispatch(xdp_md_t *ctx)
{
	bpf_tail_call(ctx, &jump, 0);
	return XDP_PASS;
}

SEC("xdp_test")
int drop_all(xdp_md_t *ctx)
{
	uint32_t key = 0;
	uint64_t *value = bpf_map_lookup_elem(&dropped, &key);

	if (value)
		__sync_fetch_and_add(value, 1);
	return XDP_DROP;
}
