// Helper calls, a map lookup (lddw with a map relocation) and bpf-to-bpf calls within a section.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} hits SEC(".maps");

static __attribute__((noinline)) __u64 bump(__u32 slot, __u64 by)
{
    __u64 *value = bpf_map_lookup_elem(&hits, &slot);

    if (!value)
        return 0;
    *value += by;
    return *value;
}

static __attribute__((noinline)) int classify(__u64 total, __u64 now)
{
    if (total > 1000000)
        return XDP_DROP;
    return (now & 1) ? XDP_TX : XDP_PASS;
}

SEC("xdp")
int calls(struct xdp_md *ctx)
{
    __u64 now = bpf_ktime_get_ns();
    __u32 cpu = bpf_get_smp_processor_id();
    __u64 total = bump(cpu & 3, ctx->data_end - ctx->data);

    bpf_printk("cpu %u total %llu", cpu, total);
    return classify(total, now + bpf_get_prandom_u32());
}

char LICENSE[] SEC("license") = "GPL";
