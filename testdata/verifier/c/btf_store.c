// expect: EBPF5703
// needs: kernel BTF
/* btf_store.c: a tp_btf program on sched_switch that counts switches per process; it "marks" the task it has seen
 * by writing a field of the kernel's task_struct through its BTF-typed argument. TWIN: the mark is kept in a map.
 * The kernel: "only read is supported" (tracing programs may not write kernel objects). */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* The few task_struct members used, relocated by CO-RE against the kernel's layout. */
struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} switches SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(count_switches, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	__u32 tgid = prev->tgid;
	__u64 one = 1, *count = bpf_map_lookup_elem(&switches, &tgid);

	if (count) {
		__sync_fetch_and_add(count, 1);
		return 0;
	}
#ifdef TWIN
	bpf_map_update_elem(&switches, &tgid, &one, BPF_NOEXIST);
#else
	prev->pid = 0;	/* "seen": a write into the kernel's task */
	bpf_map_update_elem(&switches, &tgid, &one, BPF_NOEXIST);
#endif
	return 0;
}

char _license[] SEC("license") = "GPL";
