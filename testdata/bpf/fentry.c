/* fentry.c: BTF-attached tracing programs SEC("fentry/do_unlinkat") and
 * SEC("fexit/do_unlinkat") written with BPF_PROG (ctx is an array of u64 args);
 * libbpf resolves the attach target in the running kernel's vmlinux BTF at load
 * time (attach_btf_id). A PERCPU_ARRAY of counters and .bss error tally. Needs a
 * kernel with BTF and BPF trampolines. License GPL (required for tracing). */
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct filename;			/* only passed through, never dereferenced */

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);		/* 0 = entries, 1 = failed returns */
	__type(key, __u32);
	__type(value, __u64);
} unlink_stats SEC(".maps");

__s64 last_error;			/* .bss */

static __always_inline void bump(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&unlink_stats, &slot);

	if (v)
		*v += 1;
}

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_enter, int dfd, struct filename *name)
{
	bump(0);
	return 0;
}

SEC("fexit/do_unlinkat")
int BPF_PROG(unlink_exit, int dfd, struct filename *name, long ret)
{
	if (ret < 0) {
		bump(1);
		last_error = ret;
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
