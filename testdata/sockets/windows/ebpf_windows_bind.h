/* ebpf_windows_bind.h: what a program for eBPF for Windows' bind hook sees, declared as its headers
 * (ebpf_nethooks.h) declares it: the bind_md_t context and the bind_action_t return codes; the types and the
 * general helpers under Windows' numbers are testdata/windows/ebpf_windows.h's. Our own minimal restatement, so
 * that objects compiled here call the numbers a Windows build would. */
#ifndef EBPF_WINDOWS_BIND_H
#define EBPF_WINDOWS_BIND_H

#include "../../windows/ebpf_windows.h"

typedef enum _bind_operation {
	BIND_OPERATION_BIND,      /* entry to bind */
	BIND_OPERATION_POST_BIND, /* after port allocation */
	BIND_OPERATION_UNBIND,    /* port released */
} bind_operation_t;

typedef struct _bind_md {
	uint8_t *app_id_start;         /* the application's name: the program's data */
	uint8_t *app_id_end;
	uint64_t process_id;
	uint8_t socket_address[16];    /* a SOCKADDR_IN: family, port (network order), address */
	uint8_t socket_address_length;
	bind_operation_t operation;
	uint8_t protocol;              /* IPPROTO_TCP, IPPROTO_UDP */
} bind_md_t;

typedef enum _bind_action {
	BIND_PERMIT_SOFT,
	BIND_DENY,
	BIND_REDIRECT,     /* proceed, to the socket_address the program wrote */
	BIND_PERMIT_HARD,
	BIND_PERMIT = BIND_PERMIT_SOFT,
} bind_action_t;

#endif
