/* ebpf_windows.h: what every eBPF for Windows program sees, declared as its headers (ebpf_structs.h,
 * bpf_helpers.h) declare it: fixed-width types, the map type numbers and the general helpers under Windows'
 * numbers. Our own minimal restatement, so that objects compiled here call the numbers a Windows build would.
 * ebpf_windows_xdp.h, ebpf_windows_sock_addr.h and sockets/windows/ebpf_windows_bind.h add each hook's context,
 * return codes and own helpers. */
#ifndef EBPF_WINDOWS_H
#define EBPF_WINDOWS_H

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

/* ebpf_map_type_t: hash, array and prog_array have Linux's numbers too; the rest do not. */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_ARRAY 2
#define BPF_MAP_TYPE_PROG_ARRAY 3
#define BPF_MAP_TYPE_PERCPU_ARRAY 5

/* ebpf_helper_id_t: general helpers, every program type (5 is tail_call here, 12 on Linux). */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, uint64_t flags) = (void *)2;
static long (*bpf_map_delete_elem)(void *map, const void *key) = (void *)3;
static long (*bpf_tail_call)(void *ctx, void *prog_array, uint32_t index) = (void *)5;
static uint64_t (*bpf_ktime_get_ns)(void) = (void *)9;
static long (*bpf_trace_printk2)(const char *fmt, uint32_t fmt_size) = (void *)12;
static uint64_t (*bpf_get_current_pid_tgid)(void) = (void *)19;
static uint64_t (*bpf_ktime_get_ms)(void) = (void *)31;

#define bpf_htons(x) __builtin_bswap16(x)
#define bpf_htonl(x) __builtin_bswap32(x)

#endif
