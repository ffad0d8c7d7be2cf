/* A target where two flavours of struct record place field b differently: a CO-RE relocation of b is ambiguous.
 * Like every object under testdata it also holds a program, which keeps the types in its BTF.
 * Rebuild with ../build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct record___one {
  __u8 b;
};

struct record___two {
  __u32 head;
  __u8 b;
};

struct record___one one;
struct record___two two;

SEC("xdp")
int uses_the_types(struct xdp_md *ctx)
{
  return one.b + two.b;
}

char LICENSE[] SEC("license") = "GPL";
