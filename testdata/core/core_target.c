/* The target of core_local.c: what a "kernel" declares. Its only use is its .BTF, passed as --btf.
 * Like every object under testdata it also holds a program, which keeps the types in its BTF.
 * Rebuild with ../build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct record {
  __u32 head;
  __u8 tag;
  __u8 pad;
  __u8 b;
  __u8 pad2;
  __u64 extra;
  __u32 w;
  __u32 x;
  __u32 pad3 : 3, bits : 6, low : 4;
  __u32 tail[3];
};

enum mode { MODE_A = 10, MODE_B = 20 };

struct record target_record;
enum mode target_mode;

SEC("xdp")
int uses_the_types(struct xdp_md *ctx)
{
  return target_record.b + target_mode;
}

char LICENSE[] SEC("license") = "GPL";
