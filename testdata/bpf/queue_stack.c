/* queue_stack.c: BPF_MAP_TYPE_QUEUE and BPF_MAP_TYPE_STACK (no key: key_size 0,
 * only __type(value, ...)), used with bpf_map_push_elem / pop_elem / peek_elem
 * (BPF_EXIST overwrites the oldest element when full); two raw_tracepoint programs
 * (sched_process_fork, sched_process_exit); .bss counters. License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct fork_rec { __u32 pid; __u32 cpu; __u64 ts_ns; };

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 128);
	__type(value, struct fork_rec);
} fork_fifo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 32);
	__type(value, __u32);
} exit_lifo SEC(".maps");

__u64 dropped;		/* .bss */
__u64 oldest_ts;	/* .bss */
__u32 last_popped;	/* .bss */

SEC("raw_tracepoint/sched_process_fork")
int on_fork(struct bpf_raw_tracepoint_args *ctx)
{
	struct fork_rec r = {
		.pid = bpf_get_current_pid_tgid() >> 32,
		.cpu = bpf_get_smp_processor_id(),
		.ts_ns = bpf_ktime_get_ns(),
	};

	if (bpf_map_push_elem(&fork_fifo, &r, BPF_EXIST) < 0)
		__sync_fetch_and_add(&dropped, 1);
	return 0;
}

SEC("raw_tracepoint/sched_process_exit")
int on_exit(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32, top;
	struct fork_rec head;

	if (bpf_map_peek_elem(&fork_fifo, &head) == 0)
		oldest_ts = head.ts_ns;
	if (bpf_map_push_elem(&exit_lifo, &pid, 0) < 0) {
		/* full: pop the most recent exit to make room */
		if (bpf_map_pop_elem(&exit_lifo, &top) == 0)
			last_popped = top;
		bpf_map_push_elem(&exit_lifo, &pid, 0);
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
