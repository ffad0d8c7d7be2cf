// Byte swaps as clang emits them for a little-endian target: be16, be32 and be64.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

__u64 last_word;

SEC("xdp")
int bswap(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = data + sizeof(*eth);
    __u64 *word = data;

    if ((void *)(ip + 1) > end)
        return XDP_PASS;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    last_word = __builtin_bswap64(*word);
    if (bpf_ntohl(ip->saddr) > 0x7f000001)
        return XDP_DROP;
    return __builtin_bswap16(ip->tot_len) > 1500 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
