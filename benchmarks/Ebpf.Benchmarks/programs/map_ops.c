// Map operation costs: each program performs 64 operations of one kind on one map type in a loop,
// so (run time - xdp_pass run time) / 64 is the cost of one operation, on the kernel and on us alike.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define OPS 64

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1024); __type(key, __u32); __type(value, __u64); } array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, __u32); __type(value, __u64); } hash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 1024); __type(key, __u32); __type(value, __u64); } lru SEC(".maps");
struct lpm_key { __u32 prefixlen; __u32 addr; };
struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __uint(max_entries, 1024); __uint(map_flags, BPF_F_NO_PREALLOC);
         __type(key, struct lpm_key); __type(value, __u64); } lpm SEC(".maps");

#define LOOKUPS(name, map)                                           \
  SEC("xdp") int name(struct xdp_md *ctx) {                          \
    __u64 sum = 0;                                                   \
    for (__u32 i = 0; i < OPS; i++) {                                \
      __u32 key = i;                                                 \
      __u64 *v = bpf_map_lookup_elem(&map, &key);                    \
      if (v) sum += *v;                                              \
    }                                                                \
    return sum == 12345 ? XDP_DROP : XDP_PASS;                       \
  }

#define UPDATES(name, map)                                           \
  SEC("xdp") int name(struct xdp_md *ctx) {                          \
    for (__u32 i = 0; i < OPS; i++) {                                \
      __u32 key = i;                                                 \
      __u64 value = i;                                               \
      bpf_map_update_elem(&map, &key, &value, BPF_ANY);              \
    }                                                                \
    return XDP_PASS;                                                 \
  }

LOOKUPS(array_lookup, array)
UPDATES(array_update, array)
LOOKUPS(hash_lookup, hash)
UPDATES(hash_update, hash)
LOOKUPS(lru_lookup, lru)
UPDATES(lru_update, lru)

SEC("xdp") int lpm_lookup(struct xdp_md *ctx) {
  __u64 sum = 0;
  for (__u32 i = 0; i < OPS; i++) {
    struct lpm_key key = {32, i};
    __u64 *v = bpf_map_lookup_elem(&lpm, &key);
    if (v) sum += *v;
  }
  return sum == 12345 ? XDP_DROP : XDP_PASS;
}

SEC("xdp") int lpm_update(struct xdp_md *ctx) {
  for (__u32 i = 0; i < OPS; i++) {
    struct lpm_key key = {32, i};
    __u64 value = i;
    bpf_map_update_elem(&lpm, &key, &value, BPF_ANY);
  }
  return XDP_PASS;
}

SEC("xdp") int empty(struct xdp_md *ctx) { return XDP_PASS; }

char LICENSE[] SEC("license") = "GPL";
