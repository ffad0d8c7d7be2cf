/* win_bind_bad.c: a bind program the verifier must refuse: it writes past the end of bind_md_t
 * (56 bytes), as a program that miscounted the context's size would. */
#include "ebpf_windows_bind.h"

SEC("bind")
bind_action_t write_past_context(bind_md_t *ctx)
{
	*(uint32_t *)((uint8_t *)ctx + sizeof(bind_md_t)) = 1;
	return BIND_PERMIT;
}
