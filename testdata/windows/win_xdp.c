/* win_xdp.c: an eBPF for Windows XDP program (section "xdp", which Linux shares, so read with --platform windows)
 * on its xdp_md_t: drops UDP over IPv4 and counts it, strips a local experimental header (EtherType 0x88B5,
 * 14 bytes in front of the real frame) with bpf_xdp_adjust_head (Windows' helper 65536) and sends the frame back
 * (XDP_TX), passes the rest. Its verdicts are Windows' (XDP_PASS is 1). */
#include "ebpf_windows_xdp.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, uint32_t);
	__type(value, uint64_t);
	__uint(max_entries, 2);
} counts SEC(".maps");

enum { DROPPED = 0, STRIPPED = 1 };

static void count(uint32_t slot)
{
	uint64_t *value = bpf_map_lookup_elem(&counts, &slot);

	if (value)
		__sync_fetch_and_add(value, 1);
}

SEC("xdp")
int drop_udp(xdp_md_t *ctx)
{
	uint8_t *data = ctx->data;
	uint8_t *end = ctx->data_end;

	if (data + 14 > end)
		return XDP_DROP;
	uint16_t type = (uint16_t)(data[12] << 8 | data[13]);
	if (type == 0x88B5) {
		if (bpf_xdp_adjust_head(ctx, 14) < 0)
			return XDP_DROP;
		count(STRIPPED);
		data = ctx->data;
		end = ctx->data_end;
		if (data + 14 > end)
			return XDP_DROP;
		return XDP_TX;
	}
	if (type != 0x0800 || data + 14 + 20 > end)
		return XDP_PASS;
	if (data[14 + 9] == 17) {
		count(DROPPED);
		return XDP_DROP;
	}
	return XDP_PASS;
}
