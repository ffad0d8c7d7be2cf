// expect: EBPF5203
/* packet_bounds.c: an XDP filter that drops ICMP. The bug: it proves only the Ethernet
 * header lies inside the packet, then reads the IPv4 protocol byte past that check.
 * TWIN: checks the IPv4 header against data_end too. The kernel: "R1 offset is outside of the packet". */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int drop_icmp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
#ifdef TWIN
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
#endif
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	return iph->protocol == IPPROTO_ICMP ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
