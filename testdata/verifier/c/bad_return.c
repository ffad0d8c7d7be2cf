// expect: EBPF5501
/* bad_return.c: a cgroup connect4 hook that blocks telnet by returning -EPERM, as a system call
 * would. Socket address hooks must return 0 (reject) or 1 (allow); the kernel turns 0 into EPERM.
 * TWIN: returns 0. The kernel: "At program exit the register R0 has ... should have been in [0, 1]". */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define EPERM 1

SEC("cgroup/connect4")
int block_telnet(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == bpf_htons(23))
#ifdef TWIN
		return 0;
#else
		return -EPERM;
#endif
	return 1;
}

char _license[] SEC("license") = "GPL";
