/* tail_call_callback.c: bpf_tail_call inside a bpf_loop callback. Linux 6.18's
 * verifier refuses the program ("verifier bug: callback unexpected regs 1", EFAULT),
 * so the loader must refuse it too. License GPL. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} callback_table SEC(".maps");

struct loop_ctx { struct xdp_md *xdp; };

static long tail_from_callback(__u64 index, struct loop_ctx *c)
{
	bpf_tail_call(c->xdp, &callback_table, 0);
	return 1;
}

SEC("xdp")
int loop_tail_call(struct xdp_md *ctx)
{
	struct loop_ctx c = { ctx };
	return bpf_loop(4, tail_from_callback, &c, 0) == 4 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
