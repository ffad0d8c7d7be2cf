/* win_map_types.c: a bind program whose maps use eBPF for Windows' map type numbers that differ from Linux's
 * (5 is percpu_array there and percpu_hash on Linux; 8 is lru_hash there and cgroup_array on Linux): the
 * reader must create them by Windows' meaning. */
#include "ebpf_windows_bind.h"

#define WINDOWS_MAP_TYPE_PERCPU_ARRAY 5
#define WINDOWS_MAP_TYPE_LRU_HASH 8

struct {
	__uint(type, WINDOWS_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, uint32_t);
	__type(value, uint64_t);
} per_cpu_binds SEC(".maps");

struct {
	__uint(type, WINDOWS_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16);
	__type(key, uint64_t);
	__type(value, uint64_t);
} recent_processes SEC(".maps");

SEC("bind")
bind_action_t count_binds(bind_md_t *ctx)
{
	uint32_t zero = 0;
	uint64_t *count = bpf_map_lookup_elem(&per_cpu_binds, &zero);
	if (count)
		*count += 1;
	uint64_t pid = ctx->process_id, now = bpf_ktime_get_ns();
	bpf_map_update_elem(&recent_processes, &pid, &now, 0);
	return BIND_PERMIT;
}
