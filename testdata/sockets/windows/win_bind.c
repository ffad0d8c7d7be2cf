/* win_bind.c: a program for eBPF for Windows' bind hook (section "bind", bind_md_t context, Windows'
 * helper numbers), in the manner of its bindmonitor sample:
 *   - counts binds per process in `process_binds` (key: process_id), keeping the first bytes of the
 *     application id (UTF-16 name) it saw;
 *   - refuses ports listed in `denied_ports` (BIND_DENY);
 *   - moves ports listed in `port_redirect` (BIND_REDIRECT with the port rewritten in socket_address).
 * Ports in the maps are in host order; socket_address holds them in network order. */
#include "ebpf_windows_bind.h"

#define NAME_BYTES 32

struct process_entry {
	uint32_t count;
	uint8_t name[NAME_BYTES];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, uint64_t);
	__type(value, struct process_entry);
} process_binds SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, uint16_t);
	__type(value, uint8_t);
} denied_ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, uint16_t);
	__type(value, uint16_t);
} port_redirect SEC(".maps");

static struct process_entry *process_entry(bind_md_t *ctx)
{
	uint64_t key = ctx->process_id;
	struct process_entry *entry = bpf_map_lookup_elem(&process_binds, &key);
	if (entry)
		return entry;

	struct process_entry fresh = {};
	for (int i = 0; i < NAME_BYTES; i++) {
		if (ctx->app_id_start + i + 1 > ctx->app_id_end)
			break;
		fresh.name[i] = ctx->app_id_start[i];
	}
	bpf_map_update_elem(&process_binds, &key, &fresh, 0);
	return bpf_map_lookup_elem(&process_binds, &key);
}

SEC("bind")
bind_action_t watch_bind(bind_md_t *ctx)
{
	if (ctx->operation != BIND_OPERATION_BIND)
		return BIND_PERMIT;

	struct process_entry *entry = process_entry(ctx);
	if (entry)
		__sync_fetch_and_add(&entry->count, 1);

	uint16_t port = (uint16_t)((ctx->socket_address[2] << 8) | ctx->socket_address[3]);
	if (bpf_map_lookup_elem(&denied_ports, &port))
		return BIND_DENY;

	uint16_t *to = bpf_map_lookup_elem(&port_redirect, &port);
	if (to) {
		ctx->socket_address[2] = *to >> 8;
		ctx->socket_address[3] = *to & 0xff;
		return BIND_REDIRECT;
	}
	return BIND_PERMIT_SOFT;
}
