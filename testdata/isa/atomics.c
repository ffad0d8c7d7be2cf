// Every atomic form LLVM 14 emits with -mcpu=v3: add, or, and, xor with and without fetch,
// exchange and compare-exchange, in 64 and 32 bits.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 counter64;
__u32 counter32;
__u64 sink64;
__u32 sink32;

SEC("xdp")
int atomics64(struct xdp_md *ctx)
{
    __u64 v = ctx->ingress_ifindex;

    __sync_fetch_and_add(&counter64, v);
    __sync_fetch_and_or(&counter64, v);
    __sync_fetch_and_and(&counter64, v);
    __sync_fetch_and_xor(&counter64, v);
    sink64 += __sync_fetch_and_add(&counter64, 3);
    sink64 += __sync_fetch_and_or(&counter64, 4);
    sink64 += __sync_fetch_and_and(&counter64, 5);
    sink64 += __sync_fetch_and_xor(&counter64, 6);
    sink64 += __sync_lock_test_and_set(&counter64, v);
    sink64 += __sync_val_compare_and_swap(&counter64, v, 7);
    return XDP_PASS;
}

SEC("xdp")
int atomics32(struct xdp_md *ctx)
{
    __u32 v = ctx->rx_queue_index;

    __sync_fetch_and_add(&counter32, v);
    __sync_fetch_and_or(&counter32, v);
    __sync_fetch_and_and(&counter32, v);
    __sync_fetch_and_xor(&counter32, v);
    sink32 += __sync_fetch_and_add(&counter32, 3);
    sink32 += __sync_fetch_and_or(&counter32, 4);
    sink32 += __sync_fetch_and_and(&counter32, 5);
    sink32 += __sync_fetch_and_xor(&counter32, 6);
    sink32 += __sync_lock_test_and_set(&counter32, v);
    sink32 += __sync_val_compare_and_swap(&counter32, v, 7);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
