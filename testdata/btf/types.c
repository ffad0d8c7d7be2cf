/* BTF reader test object: every type kind clang 14 emits (ENUM64 needs clang 15,
 * so the tests build that one by hand). Rebuild with ./build.sh. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __user_ptr __attribute__((btf_type_tag("user")))

typedef unsigned int u32_alias;
typedef u32_alias counter_t;

enum color { RED, GREEN = 5, BLUE = -3 };
enum big { BIG_SMALL = 1, BIG_LARGE = 0x7fffffff };

struct opaque; /* never defined: a FWD */
union opaque_union;

struct flags {
  unsigned int ready : 1;
  unsigned int mode : 3;
  signed int level : 5;
  unsigned long long wide : 40;
  unsigned char tail;
};

union value {
  __u64 as_u64;
  __u32 as_u32[2];
  unsigned char bytes[8];
  struct {
    __u16 lo, hi;
  } halves;
};

struct record {
  counter_t hits;
  enum color color;
  struct flags flags;
  union value value;
  char name[16];
  int matrix[2][3];
  float ratio;
  double scale;
  const volatile int *cv_ptr;
  int *__restrict restricted;
  struct opaque *opaque;
  union opaque_union *opaque_union;
  int (*callback)(struct record *self, int arg);
  struct record *next;
  int __user_ptr *user;
  __u32 tagged __tag("member_tag");
} __tag("struct_tag");

struct key {
  __u32 id;
  __u16 port;
  __u8 proto;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 128);
  __type(key, struct key);
  __type(value, struct record);
} records SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} counters SEC(".maps");

int data_var = 7;                         /* .data */
const volatile __u32 rodata_var = 42;     /* .rodata */
__u64 bss_var;                            /* .bss */
static volatile enum big static_var = BIG_SMALL; /* .data, static linkage */
enum color color_var = GREEN;

static __attribute__((noinline)) int
sum_fields(struct record *r, int scale __tag("param_tag"))
{
  return (r->hits + r->flags.mode + r->flags.level) * scale;
}

SEC("xdp")
int process(struct xdp_md *ctx)
{
  struct key k = { .id = ctx->ingress_ifindex, .port = 80, .proto = 6 };
  struct record *r = bpf_map_lookup_elem(&records, &k);
  if (!r)
    return XDP_PASS;
  __u32 slot = 0;
  __u64 *count = bpf_map_lookup_elem(&counters, &slot);
  if (count)
    *count += sum_fields(r, data_var + rodata_var);
  bss_var += static_var + color_var;
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
