// Legacy packet loads (BPF_ABS and BPF_IND), as classic socket filters use them.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

SEC("socket")
int legacy_skb(struct __sk_buff *skb)
{
    unsigned long long proto = load_half(skb, 12);
    unsigned long long ihl;

    if (proto != 0x0800)
        return 0;
    ihl = (load_byte(skb, 14) & 0xf) << 2;
    if (load_word(skb, 26) == 0x7f000001)
        return 0;
    return load_half(skb, 14 + ihl + 2) == 53 ? -1 : load_byte(skb, 14 + ihl);
}

char LICENSE[] SEC("license") = "GPL";
