/* skb_fields.c: SEC("tc") and SEC("socket") programs that record what they see of
 * struct __sk_buff and what the skb helpers return, one ARRAY slot per fact, for
 * comparison with the kernel's BPF_PROG_TEST_RUN: the context fields each type may
 * read, bpf_skb_load_bytes(_relative), legacy packet loads (ld_abs at offsets from
 * the packet, SKF_NET_OFF and SKF_LL_OFF), bpf_skb_store_bytes, bpf_l3/l4_csum_replace,
 * bpf_skb_pull_data, bpf_skb_change_type, bpf_redirect, and context writes that the
 * test run copies back (mark, priority, cb); a SEC("action") (SCHED_ACT) program. Values the kernel draws at random (the
 * socket cookie, the flow hash) are recorded only as "non-zero" and "consistent".
 * License GPL. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 48);
	__type(key, __u32);
	__type(value, __u64);
} tc_seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 24);
	__type(key, __u32);
	__type(value, __u64);
} socket_seen SEC(".maps");

static __always_inline void tc_put(__u32 k, __u64 v) { bpf_map_update_elem(&tc_seen, &k, &v, BPF_ANY); }
static __always_inline void sf_put(__u32 k, __u64 v) { bpf_map_update_elem(&socket_seen, &k, &v, BPF_ANY); }

SEC("tc")
int tc_fields(struct __sk_buff *skb)
{
	__u8 buf[8] = {};
	__u32 h;

	tc_put(0, skb->len); tc_put(1, skb->pkt_type); tc_put(2, skb->mark); tc_put(3, skb->queue_mapping);
	tc_put(4, skb->protocol); tc_put(5, skb->vlan_present); tc_put(6, skb->vlan_tci); tc_put(7, skb->priority);
	tc_put(8, skb->ingress_ifindex); tc_put(9, skb->ifindex); tc_put(10, skb->tc_index); tc_put(11, skb->hash);
	tc_put(12, skb->tc_classid); tc_put(13, skb->data_end - skb->data); tc_put(14, skb->data - skb->data_meta);
	tc_put(15, skb->napi_id); tc_put(16, skb->tstamp); tc_put(17, skb->wire_len); tc_put(18, skb->gso_segs);
	tc_put(19, skb->gso_size); tc_put(20, skb->hwtstamp); tc_put(21, skb->sk != 0); tc_put(22, skb->cb[0]);
	tc_put(23, bpf_get_socket_cookie(skb) != 0); tc_put(24, bpf_get_socket_uid(skb));
	tc_put(25, bpf_skb_pull_data(skb, 10000)); tc_put(26, bpf_skb_pull_data(skb, 0));
	h = bpf_get_hash_recalc(skb); tc_put(27, h != 0); tc_put(28, skb->hash == h);
	bpf_set_hash_invalid(skb); tc_put(29, skb->hash);
	tc_put(30, bpf_redirect(5, 2));
	tc_put(31, bpf_skb_change_type(skb, 4)); tc_put(32, bpf_skb_change_type(skb, 2)); tc_put(33, skb->pkt_type);
	tc_put(34, bpf_skb_load_bytes(skb, 12, buf, 2)); tc_put(35, *(__u16 *)buf);
	tc_put(36, bpf_skb_load_bytes(skb, skb->len - 4, buf, 8)); tc_put(37, *(__u64 *)buf);
	tc_put(38, bpf_skb_load_bytes_relative(skb, 9, buf, 1, BPF_HDR_START_NET)); tc_put(39, buf[0]);

	/* Rewrite the TTL and protocol word of an IPv4 header and its checksum, and the first
	 * transport port with its checksum (TCP at 16, UDP at 6 from the transport header). */
	if (skb->protocol == bpf_htons(ETH_P_IP)) {
		__u16 old_word, new_word = bpf_htons(0x2000 | 17), old_port, new_port = bpf_htons(4242);
		__u32 csum_off = 0;
		if (bpf_skb_load_bytes(skb, ETH_HLEN + 8, &old_word, 2) == 0) {
			__u8 proto = ((__u8 *)&old_word)[1];
			csum_off = proto == IPPROTO_TCP ? 16 : proto == IPPROTO_UDP ? 6 : 0;
			new_word = (old_word & bpf_htons(0x00ff)) | bpf_htons(0x2000);
			tc_put(40, bpf_skb_store_bytes(skb, ETH_HLEN + 8, &new_word, 2, 0));
			tc_put(41, bpf_l3_csum_replace(skb, ETH_HLEN + 10, old_word, new_word, 2));
		}
		if (csum_off && bpf_skb_load_bytes(skb, ETH_HLEN + 20, &old_port, 2) == 0) {
			tc_put(42, bpf_skb_store_bytes(skb, ETH_HLEN + 20, &new_port, 2, BPF_F_INVALIDATE_HASH));
			tc_put(43, bpf_l4_csum_replace(skb, ETH_HLEN + 20 + csum_off, old_port, new_port, BPF_F_PSEUDO_HDR | 2));
		}
	}
	tc_put(44, bpf_l3_csum_replace(skb, 13, 0, 0, 2));
	tc_put(45, bpf_l4_csum_replace(skb, 0, 0, 0, 1 << 9));
	tc_put(46, bpf_skb_store_bytes(skb, skb->len - 1, buf, 2, 0));

	skb->mark = 0x77;
	skb->priority = 3;
	skb->cb[1] = 9;
	skb->tc_classid = 0x10002;
	return skb->len > 100 ? bpf_redirect(4, 0) : TC_ACT_OK;
}

/* A tc action (SCHED_ACT) sees the frame as a classifier does. */
SEC("action")
int act_fields(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end;

	tc_put(47, (data_end - data) + ((__u64)skb->protocol << 32));
	skb->mark = skb->len;
	skb->priority = skb->pkt_type;
	return TC_ACT_PIPE;
}

SEC("socket")
int socket_fields(struct __sk_buff *skb)
{
	__u8 buf[4] = {};

	sf_put(0, skb->len); sf_put(1, skb->pkt_type); sf_put(2, skb->mark); sf_put(3, skb->protocol);
	sf_put(4, skb->priority); sf_put(5, skb->ingress_ifindex); sf_put(6, skb->ifindex); sf_put(7, skb->hash);
	sf_put(8, skb->sk != 0); sf_put(9, bpf_get_socket_uid(skb)); sf_put(10, bpf_get_socket_cookie(skb) != 0);
	sf_put(11, bpf_skb_load_bytes(skb, 0, buf, 4)); sf_put(12, *(__u32 *)buf);
	sf_put(13, load_byte(skb, 0)); sf_put(14, load_half(skb, -0x200000 + 12)); sf_put(15, load_byte(skb, -0x100000 + 9));
	sf_put(16, load_word(skb, 12));
	sf_put(17, bpf_skb_load_bytes_relative(skb, 12, buf, 2, BPF_HDR_START_MAC)); sf_put(18, *(__u16 *)buf);
	sf_put(19, bpf_skb_load_bytes(skb, skb->len - 2, buf, 4));
	skb->cb[0] = 5;
	/* A legacy load past the packet ends the program with 0. */
	return skb->len < 100 ? skb->len + load_word(skb, 5000) : skb->len;
}

char _license[] SEC("license") = "GPL";
