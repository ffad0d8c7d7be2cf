// The sample's eBPF program: counts packets per IP protocol and drops ICMP.
// Build: clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c count_protocols.c -o count_protocols.o
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 256);
  __type(key, __u32);
  __type(value, __u64);
} packets_by_protocol SEC(".maps");

SEC("xdp")
int count_protocols(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > end) return XDP_PASS;
  __u32 protocol = ip->protocol;
  __u64 *count = bpf_map_lookup_elem(&packets_by_protocol, &protocol);
  if (count) __sync_fetch_and_add(count, 1);
  return protocol == IPPROTO_ICMP ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
