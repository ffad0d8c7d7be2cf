/* socket_filter.c: SEC("socket") (SOCKET_FILTER) program; PERCPU_HASH counting
 * packets per EtherType with lookup-then-insert; a bounded loop with a constant
 * bound that clang keeps as a real loop (#pragma clang loop unroll(disable)),
 * reading a stack buffer filled by bpf_skb_load_bytes. Returns bytes to keep
 * (0 drops). License GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define PROBE_LEN 16

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);		/* EtherType, host order */
	__type(value, __u64);		/* packets */
} ethertype_count SEC(".maps");

SEC("socket")
int sock_filter_stats(struct __sk_buff *skb)
{
	__u8 buf[PROBE_LEN];
	__u32 proto = bpf_ntohs(skb->protocol);
	__u32 i, zeros = 0;
	__u64 one = 1, *cnt;

	cnt = bpf_map_lookup_elem(&ethertype_count, &proto);
	if (cnt)
		*cnt += 1;
	else
		bpf_map_update_elem(&ethertype_count, &proto, &one, BPF_ANY);

	if (bpf_skb_load_bytes(skb, 0, buf, sizeof(buf)) < 0)
		return skb->len;	/* short packet: keep it */

#pragma clang loop unroll(disable)
	for (i = 0; i < PROBE_LEN; i++) {
		if (buf[i] == 0)
			zeros++;
	}
	/* an all-zero header is garbage: drop it from the socket */
	return zeros == PROBE_LEN ? 0 : skb->len;
}

char _license[] SEC("license") = "GPL";
