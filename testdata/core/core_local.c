/* CO-RE test program: the layout it is compiled against (struct record___local) differs from the one in
 * core_target.c (struct record), which tests pass as the target BTF. Every program reads its answer from the
 * packet, whose byte i holds i, so the value read names the offset the relocation chose.
 * Rebuild with ../build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct record___local {
  __u8 tag;
  __u8 b;
  __u16 w;
  __u32 x;
  __u32 gone;
  __u32 low : 4, bits : 6;
} __attribute__((preserve_access_index));

enum mode___local { MODE_A = 1, MODE_B = 2, MODE_GONE = 3 };

struct nowhere {
  int z;
};

static __always_inline struct record___local *record(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 64 > end)
    return 0;
  return data;
}

SEC("xdp")
int read_b(struct xdp_md *ctx)
{
  struct record___local *r = record(ctx);
  return r ? r->b : -1;
}

SEC("xdp")
int read_w(struct xdp_md *ctx)
{
  struct record___local *r = record(ctx);
  return r ? r->w : -1;
}

SEC("xdp")
int guarded_gone(struct xdp_md *ctx)
{
  struct record___local *r = record(ctx);
  if (!r)
    return -1;
  return bpf_core_field_exists(r->gone) ? r->gone : 7;
}

SEC("xdp")
int reads_gone(struct xdp_md *ctx)
{
  struct record___local *r = record(ctx);
  return r ? r->gone : -1;
}

SEC("xdp")
int type_size(struct xdp_md *ctx)
{
  return bpf_core_type_size(struct record___local);
}

SEC("xdp")
int type_missing(struct xdp_md *ctx)
{
  return bpf_core_type_exists(struct nowhere) + 10;
}

SEC("xdp")
int type_id_target(struct xdp_md *ctx)
{
  return bpf_core_type_id_kernel(struct record___local);
}

SEC("xdp")
int enum_value(struct xdp_md *ctx)
{
  return bpf_core_enum_value(enum mode___local, MODE_B);
}

SEC("xdp")
int enum_gone(struct xdp_md *ctx)
{
  return bpf_core_enum_value_exists(enum mode___local, MODE_GONE);
}

SEC("xdp")
int bitfield(struct xdp_md *ctx)
{
  struct record___local *r = record(ctx);
  return r ? BPF_CORE_READ_BITFIELD(r, bits) : -1;
}

char LICENSE[] SEC("license") = "GPL";
