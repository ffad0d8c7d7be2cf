// 32-bit arithmetic, JMP32 and narrow loads and stores: built with -mcpu=v3 so clang uses w registers.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair {
    __u32 a;
    __u16 b;
    __u8 c;
    __s32 d;
};

static __attribute__((noinline)) __u32 mix(__u32 x, __u32 y)
{
    __u32 r = x * 2654435761u;
    r ^= y >> 7;
    r += y << 3;
    r |= x & 0xff00;
    r -= (__s32)y >> 2;
    if (y != 0)
        r /= y;
    if (x > 3)
        r %= x;
    return ~r + (0u - x);
}

SEC("xdp")
int alu32(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct pair *p = data;
    __u32 acc = ctx->ingress_ifindex;

    if ((void *)(p + 1) > end)
        return XDP_PASS;
    if ((__s32)p->d < -7)
        acc += 11;
    if (p->b >= 1500)
        acc = mix(acc, p->a);
    if ((__s32)acc <= p->d)
        acc ^= 0x5a5a5a5a;
    p->a = acc;
    p->b = (__u16)(acc >> 16);
    p->c = (__u8)acc;
    return acc & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
