/* legacy_maps.c: old-style object with only legacy map definitions in SEC("maps"),
 * using a locally defined struct bpf_map_def (libbpf 1.x removed it from
 * bpf_helpers.h), no BTF-defined maps; SEC("version") with __u32 _version = 0x050400
 * (kernel 5.4.0); an XDP and a socket-filter program sharing the maps; a HASH with
 * map_flags BPF_F_NO_PREALLOC. License GPL. libbpf >= 1.0 refuses SEC("maps"). */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") pkt_count = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 2,		/* 0 = xdp, 1 = socket */
};

struct bpf_map_def SEC("maps") len_hist = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),	/* length / 64 */
	.value_size = sizeof(__u64),
	.max_entries = 64,
	.map_flags = BPF_F_NO_PREALLOC,
};

static __always_inline void account(__u32 slot, __u32 len)
{
	__u32 bucket = len / 64;
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&pkt_count, &slot);
	if (v)
		__sync_fetch_and_add(v, 1);
	v = bpf_map_lookup_elem(&len_hist, &bucket);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&len_hist, &bucket, &one, BPF_NOEXIST);
}

SEC("xdp")
int xdp_legacy(struct xdp_md *ctx)
{
	account(0, ctx->data_end - ctx->data);
	return XDP_PASS;
}

SEC("socket")
int socket_legacy(struct __sk_buff *skb)
{
	account(1, skb->len);
	return skb->len;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = 0x050400;
