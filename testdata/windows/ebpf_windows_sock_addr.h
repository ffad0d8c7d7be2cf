/* ebpf_windows_sock_addr.h: eBPF for Windows' sock_addr hooks (BPF_PROG_TYPE_CGROUP_SOCK_ADDR, sections
 * "cgroup/connect4", "cgroup/connect6", "cgroup/recv_accept4", "cgroup/recv_accept6"): its own bpf_sock_addr_t
 * (not Linux's struct bpf_sock_addr), the verdicts, and the hook's helpers. */
#ifndef EBPF_WINDOWS_SOCK_ADDR_H
#define EBPF_WINDOWS_SOCK_ADDR_H

#include "ebpf_windows.h"

#define AF_INET 2
#define AF_INET6 23 /* Windows' number: Linux's is 10 */
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

typedef struct bpf_sock_addr {
	uint32_t family;
	struct {
		union {               /* the local end for connect, the remote for recv_accept */
			uint32_t msg_src_ip4;
			uint32_t msg_src_ip6[4];
		};
		uint16_t msg_src_port; /* network order */
	};
	struct {
		union {               /* the remote end for connect (written back: a redirect), the local for recv_accept */
			uint32_t user_ip4;
			uint32_t user_ip6[4];
		};
		uint16_t user_port;    /* network order */
	};
	uint32_t protocol;
	uint32_t compartment_id;
	uint64_t interface_luid;
} bpf_sock_addr_t;

typedef enum _ebpf_sock_addr_verdict {
	BPF_SOCK_ADDR_VERDICT_REJECT,
	BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT,
	BPF_SOCK_ADDR_VERDICT_PROCEED_HARD,
	BPF_SOCK_ADDR_VERDICT_PROCEED = BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT,
} ebpf_sock_addr_verdict_t;

/* General helpers netebpfext gives sock_addr programs alone. */
static uint64_t (*bpf_get_current_logon_id)(const bpf_sock_addr_t *ctx) = (void *)20;
static long (*bpf_is_current_admin)(const bpf_sock_addr_t *ctx) = (void *)21;

/* The sock_addr extension's own helpers start after the general ones (0xFFFF), as XDP's do: same numbers, other helpers. */
static uint64_t (*bpf_sock_addr_get_current_pid_tgid)(bpf_sock_addr_t *ctx) = (void *)0x10000;
static long (*bpf_sock_addr_set_redirect_context)(bpf_sock_addr_t *ctx, void *data, uint32_t size) = (void *)0x10001;

#endif
