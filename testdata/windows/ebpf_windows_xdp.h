/* ebpf_windows_xdp.h: eBPF for Windows' XDP hook (BPF_PROG_TYPE_XDP, section "xdp"; its test hook
 * BPF_PROG_TYPE_XDP_TEST, section "xdp_test"): the xdp_md_t context with 64-bit pointers, the xdp_action_t
 * return codes (from 1, unlike Linux's), and the hook's own helper numbered above the general ones. */
#ifndef EBPF_WINDOWS_XDP_H
#define EBPF_WINDOWS_XDP_H

#include "ebpf_windows.h"

typedef struct xdp_md_ {
	void *data;               /* first byte of the frame */
	void *data_end;           /* one past its last byte */
	uint64_t data_meta;       /* metadata start (no metadata: equals data) */
	uint32_t ingress_ifindex;
	uint32_t rx_queue_index;
} xdp_md_t;

typedef enum _xdp_action {
	XDP_PASS = 1,
	XDP_DROP,
	XDP_TX,
	XDP_REDIRECT,
} xdp_action_t;

/* The XDP extension's helpers start after the general ones (0xFFFF). */
static long (*bpf_xdp_adjust_head)(xdp_md_t *ctx, int delta) = (void *)0x10000;

#endif
