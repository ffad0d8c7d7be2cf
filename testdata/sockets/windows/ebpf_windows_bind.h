/* ebpf_windows_bind.h: what a program for eBPF for Windows' bind hook sees, declared as its headers
 * (ebpf_nethooks.h, ebpf_structs.h, bpf_helpers.h) declare it: the bind_md_t context, the bind_action_t
 * return codes, and the general helpers under Windows' numbers. Our own minimal restatement, so that
 * objects compiled here call the numbers a Windows build would. */
#ifndef EBPF_WINDOWS_BIND_H
#define EBPF_WINDOWS_BIND_H

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

/* ebpf_map_type_t: hash and array have Linux's numbers too. */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_ARRAY 2

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

/* ebpf_helper_id_t numbers: not Linux's (Linux's 1-3 coincide, 5 is tail_call here, 19 get_current_pid_tgid). */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, uint64_t flags) = (void *)2;
static long (*bpf_map_delete_elem)(void *map, const void *key) = (void *)3;
static uint64_t (*bpf_ktime_get_ns)(void) = (void *)9;
static long (*bpf_trace_printk2)(const char *fmt, uint32_t fmt_size) = (void *)12;
static uint64_t (*bpf_get_current_pid_tgid)(void) = (void *)19;

#endif
