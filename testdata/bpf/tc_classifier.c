/* tc_classifier.c: SEC("tc") and legacy-named SEC("classifier") (both SCHED_CLS);
 * IPv4 + TCP/UDP parsing from __sk_buff data/data_end; HASH map with struct key and
 * struct value (explicit padding, memset key), LRU_HASH block list; bpf_ktime_get_ns.
 * License "Dual MIT/GPL". */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct flow_key { __u32 saddr, daddr; __u16 sport, dport; __u8 proto, pad[3]; };
struct flow_val { __u64 packets, bytes, last_seen_ns; };

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct flow_key);
	__type(value, struct flow_val);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);		/* IPv4 source address, network order */
	__type(value, __u64);		/* packets dropped */
} blocked SEC(".maps");

SEC("tc")
int tc_flow_track(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = (void *)(long)skb->data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *l4 = (void *)(iph + 1);	/* ports sit at the same offsets in TCP */
	struct flow_val *v, init = {};
	struct flow_key k;
	if ((void *)(l4 + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5)
		return TC_ACT_OK;
	if (iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	__builtin_memset(&k, 0, sizeof(k));
	k.saddr = iph->saddr;
	k.daddr = iph->daddr;
	k.sport = l4->source;
	k.dport = l4->dest;
	k.proto = iph->protocol;
	v = bpf_map_lookup_elem(&flows, &k);
	if (!v) {
		bpf_map_update_elem(&flows, &k, &init, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&flows, &k);
		if (!v)
			return TC_ACT_OK;
	}
	__sync_fetch_and_add(&v->packets, 1);
	__sync_fetch_and_add(&v->bytes, skb->len);
	v->last_seen_ns = bpf_ktime_get_ns();
	return TC_ACT_OK;
}

SEC("classifier")
int cls_blocklist(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = (void *)(long)skb->data;
	struct iphdr *iph = (void *)(eth + 1);
	__u64 *drops;
	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	drops = bpf_map_lookup_elem(&blocked, &iph->saddr);
	if (!drops)
		return TC_ACT_OK;
	__sync_fetch_and_add(drops, 1);
	return TC_ACT_SHOT;
}

char _license[] SEC("license") = "Dual MIT/GPL";
