/* helpers_redirect.c: XDP redirects. bpf_redirect (23) to an ifindex, with and
 * without flags; bpf_redirect_map (51) on a DEVMAP: a key without an entry returns
 * the low bits of the flags (the default action), unknown flags abort, and
 * BPF_F_BROADCAST redirects whatever the key. Results go to results[case]; the
 * program returns bpf_redirect_map(&tx_ports, 1, XDP_DROP): XDP_DROP while slot 1 is
 * empty, XDP_REDIRECT once user space fills it. One XDP program; license GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __s64);
} results SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} tx_ports SEC(".maps");

static __always_inline void put(__u32 k, __s64 v)
{
	bpf_map_update_elem(&results, &k, &v, 0);
}

SEC("xdp")
int redirect_cases(struct xdp_md *ctx)
{
	put(0, bpf_redirect(1, 0));
	put(1, bpf_redirect(1, 1));
	put(2, bpf_redirect_map(&tx_ports, 3, XDP_PASS));
	put(3, bpf_redirect_map(&tx_ports, 0, 0));
	put(4, bpf_redirect_map(&tx_ports, 3, XDP_TX));
	put(5, bpf_redirect_map(&tx_ports, 3, 0x20));
	put(6, bpf_redirect_map(&tx_ports, 9, BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS));
	put(7, bpf_redirect_map(&tx_ports, 99, XDP_DROP));
	return bpf_redirect_map(&tx_ports, 1, XDP_DROP);
}

char _license[] SEC("license") = "GPL";
