/* tracing.c: tracing sections SEC("kprobe/do_sys_openat2") (BPF_KPROBE from
 * bpf_tracing.h, __TARGET_ARCH_x86 defined here), SEC("tracepoint/syscalls/
 * sys_enter_execve") with a hand-written context struct, SEC("raw_tracepoint/
 * sys_enter"); RINGBUF with bpf_ringbuf_reserve/submit/discard; HASH counting
 * syscalls; bpf_probe_read_user_str; bpf_printk (format array in .rodata).
 * License GPL (required by the probe-read and printk helpers). */
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

enum { EV_OPEN = 1, EV_EXEC = 2 };
struct event { __u32 pid, kind; char comm[16]; char path[64]; };

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);		/* bytes, power-of-2 pages */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 512);
	__type(key, __u64);			/* syscall number */
	__type(value, __u64);			/* calls */
} syscall_count SEC(".maps");

/* format of /sys/kernel/tracing/events/syscalls/sys_enter_execve/format */
struct sys_enter_execve_args {
	__u64 common;				/* type, flags, preempt_count, pid */
	__s64 syscall_nr;
	const char *filename;
	const char *const *argv;
	const char *const *envp;
};

static __always_inline int emit(__u32 kind, const char *user_path)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->kind = kind;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_probe_read_user_str(e->path, sizeof(e->path), user_path) < 0) {
		bpf_ringbuf_discard(e, 0);
		return 0;
	}
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_sys_openat2")
int BPF_KPROBE(kprobe_openat2, int dfd, const char *filename)
{
	return emit(EV_OPEN, filename);
}

SEC("tracepoint/syscalls/sys_enter_execve")
int tp_execve(struct sys_enter_execve_args *ctx)
{
	bpf_printk("execve pid=%d nr=%ld", bpf_get_current_pid_tgid() >> 32, ctx->syscall_nr);
	return emit(EV_EXEC, ctx->filename);
}

SEC("raw_tracepoint/sys_enter")
int raw_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 nr = ctx->args[1], one = 1, *cnt;	/* args: (struct pt_regs *, long id) */
	cnt = bpf_map_lookup_elem(&syscall_count, &nr);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&syscall_count, &nr, &one, BPF_NOEXIST);
	return 0;
}

char _license[] SEC("license") = "GPL";
