/*
 * Prints what <linux/bpf.h> says about the facts the ABI tables restate, one per line:
 *   struct <name> <sizeof>
 *   field <struct> <member> <offsetof> <sizeof>
 *   helper <name> <BPF_FUNC_ number>            (every helper the header knows)
 *   prog_type|map_type|attach_type <constant> <value>
 * AbiHeaderProbe.cs compiles it with gcc and runs it. When the installed header is older than a constant
 * listed here, the test compiles again with -D<constant>=-1, and -1 reads as "not in this header".
 * Keep the lists in step with the tables: the tests fail on any table entry this file does not print.
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/bpf.h>
#include <linux/bpf_perf_event.h>
#include <asm/ptrace.h>

#define STRUCT(s) printf("struct %s %zu\n", #s, sizeof(struct s));
#define FIELD(s, f) printf("field %s %s %zu %zu\n", #s, #f, offsetof(struct s, f), sizeof(((struct s *)0)->f));
#define CONSTANT(kind, name) printf("%s %s %lld\n", #kind, #name, (long long)(name));

/* The header's own list: entries come out comma-separated, in every header version. */
struct helper { const char *name; long long id; };
#define HELPER(x) { #x, BPF_FUNC_##x }
static const struct helper helpers[] = { __BPF_FUNC_MAPPER(HELPER) };

static void layouts(void)
{
    STRUCT(xdp_md)
    FIELD(xdp_md, data) FIELD(xdp_md, data_end) FIELD(xdp_md, data_meta)
    FIELD(xdp_md, ingress_ifindex) FIELD(xdp_md, rx_queue_index) FIELD(xdp_md, egress_ifindex)

    STRUCT(bpf_sock_addr)
    FIELD(bpf_sock_addr, user_family) FIELD(bpf_sock_addr, user_ip4) FIELD(bpf_sock_addr, user_ip6)
    FIELD(bpf_sock_addr, user_port) FIELD(bpf_sock_addr, family) FIELD(bpf_sock_addr, type)
    FIELD(bpf_sock_addr, protocol) FIELD(bpf_sock_addr, msg_src_ip4) FIELD(bpf_sock_addr, msg_src_ip6)
    FIELD(bpf_sock_addr, sk)

    STRUCT(__sk_buff)
    FIELD(__sk_buff, len) FIELD(__sk_buff, pkt_type) FIELD(__sk_buff, mark) FIELD(__sk_buff, queue_mapping)
    FIELD(__sk_buff, protocol) FIELD(__sk_buff, vlan_present) FIELD(__sk_buff, vlan_tci)
    FIELD(__sk_buff, vlan_proto) FIELD(__sk_buff, priority) FIELD(__sk_buff, ingress_ifindex)
    FIELD(__sk_buff, ifindex) FIELD(__sk_buff, tc_index) FIELD(__sk_buff, cb) FIELD(__sk_buff, hash)
    FIELD(__sk_buff, tc_classid) FIELD(__sk_buff, data) FIELD(__sk_buff, data_end) FIELD(__sk_buff, napi_id)
    FIELD(__sk_buff, family) FIELD(__sk_buff, remote_ip4) FIELD(__sk_buff, local_ip4)
    FIELD(__sk_buff, remote_ip6) FIELD(__sk_buff, local_ip6) FIELD(__sk_buff, remote_port)
    FIELD(__sk_buff, local_port) FIELD(__sk_buff, data_meta) FIELD(__sk_buff, flow_keys)
    FIELD(__sk_buff, tstamp) FIELD(__sk_buff, wire_len) FIELD(__sk_buff, gso_segs) FIELD(__sk_buff, sk)
    FIELD(__sk_buff, gso_size) FIELD(__sk_buff, tstamp_type) FIELD(__sk_buff, hwtstamp)

    STRUCT(bpf_raw_tracepoint_args)
    FIELD(bpf_raw_tracepoint_args, args)

    /* kprobe: x86-64's registers (asm/ptrace.h outside the kernel). */
    STRUCT(pt_regs)
    FIELD(pt_regs, r15) FIELD(pt_regs, r14) FIELD(pt_regs, r13) FIELD(pt_regs, r12) FIELD(pt_regs, rbp)
    FIELD(pt_regs, rbx) FIELD(pt_regs, r11) FIELD(pt_regs, r10) FIELD(pt_regs, r9) FIELD(pt_regs, r8)
    FIELD(pt_regs, rax) FIELD(pt_regs, rcx) FIELD(pt_regs, rdx) FIELD(pt_regs, rsi) FIELD(pt_regs, rdi)
    FIELD(pt_regs, orig_rax) FIELD(pt_regs, rip) FIELD(pt_regs, cs) FIELD(pt_regs, eflags) FIELD(pt_regs, rsp)
    FIELD(pt_regs, ss)

    STRUCT(bpf_perf_event_data)
    FIELD(bpf_perf_event_data, regs) FIELD(bpf_perf_event_data, sample_period) FIELD(bpf_perf_event_data, addr)

    /* The args/reply/replylong union is told apart by offset, as sock_ops_is_valid_access does. */
    STRUCT(bpf_sock_ops)
    FIELD(bpf_sock_ops, op) FIELD(bpf_sock_ops, reply) FIELD(bpf_sock_ops, args[1]) FIELD(bpf_sock_ops, args[2])
    FIELD(bpf_sock_ops, args[3]) FIELD(bpf_sock_ops, family) FIELD(bpf_sock_ops, remote_ip4)
    FIELD(bpf_sock_ops, local_ip4) FIELD(bpf_sock_ops, remote_ip6) FIELD(bpf_sock_ops, local_ip6)
    FIELD(bpf_sock_ops, remote_port) FIELD(bpf_sock_ops, local_port) FIELD(bpf_sock_ops, is_fullsock)
    FIELD(bpf_sock_ops, snd_cwnd) FIELD(bpf_sock_ops, srtt_us) FIELD(bpf_sock_ops, bpf_sock_ops_cb_flags)
    FIELD(bpf_sock_ops, state) FIELD(bpf_sock_ops, rtt_min) FIELD(bpf_sock_ops, snd_ssthresh)
    FIELD(bpf_sock_ops, rcv_nxt) FIELD(bpf_sock_ops, snd_nxt) FIELD(bpf_sock_ops, snd_una)
    FIELD(bpf_sock_ops, mss_cache) FIELD(bpf_sock_ops, ecn_flags) FIELD(bpf_sock_ops, rate_delivered)
    FIELD(bpf_sock_ops, rate_interval_us) FIELD(bpf_sock_ops, packets_out) FIELD(bpf_sock_ops, retrans_out)
    FIELD(bpf_sock_ops, total_retrans) FIELD(bpf_sock_ops, segs_in) FIELD(bpf_sock_ops, data_segs_in)
    FIELD(bpf_sock_ops, segs_out) FIELD(bpf_sock_ops, data_segs_out) FIELD(bpf_sock_ops, lost_out)
    FIELD(bpf_sock_ops, sacked_out) FIELD(bpf_sock_ops, sk_txhash) FIELD(bpf_sock_ops, bytes_received)
    FIELD(bpf_sock_ops, bytes_acked) FIELD(bpf_sock_ops, sk) FIELD(bpf_sock_ops, skb_data)
    FIELD(bpf_sock_ops, skb_data_end) FIELD(bpf_sock_ops, skb_len) FIELD(bpf_sock_ops, skb_tcp_flags)
}

static void constants(void)
{
    CONSTANT(prog_type, BPF_PROG_TYPE_UNSPEC) CONSTANT(prog_type, BPF_PROG_TYPE_SOCKET_FILTER)
    CONSTANT(prog_type, BPF_PROG_TYPE_KPROBE) CONSTANT(prog_type, BPF_PROG_TYPE_SCHED_CLS)
    CONSTANT(prog_type, BPF_PROG_TYPE_SCHED_ACT) CONSTANT(prog_type, BPF_PROG_TYPE_TRACEPOINT)
    CONSTANT(prog_type, BPF_PROG_TYPE_XDP) CONSTANT(prog_type, BPF_PROG_TYPE_PERF_EVENT)
    CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_SKB) CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_SOCK)
    CONSTANT(prog_type, BPF_PROG_TYPE_LWT_IN) CONSTANT(prog_type, BPF_PROG_TYPE_LWT_OUT)
    CONSTANT(prog_type, BPF_PROG_TYPE_LWT_XMIT) CONSTANT(prog_type, BPF_PROG_TYPE_SOCK_OPS)
    CONSTANT(prog_type, BPF_PROG_TYPE_SK_SKB) CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_DEVICE)
    CONSTANT(prog_type, BPF_PROG_TYPE_SK_MSG) CONSTANT(prog_type, BPF_PROG_TYPE_RAW_TRACEPOINT)
    CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_SOCK_ADDR) CONSTANT(prog_type, BPF_PROG_TYPE_LWT_SEG6LOCAL)
    CONSTANT(prog_type, BPF_PROG_TYPE_LIRC_MODE2) CONSTANT(prog_type, BPF_PROG_TYPE_SK_REUSEPORT)
    CONSTANT(prog_type, BPF_PROG_TYPE_FLOW_DISSECTOR) CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_SYSCTL)
    CONSTANT(prog_type, BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE)
    CONSTANT(prog_type, BPF_PROG_TYPE_CGROUP_SOCKOPT) CONSTANT(prog_type, BPF_PROG_TYPE_TRACING)
    CONSTANT(prog_type, BPF_PROG_TYPE_STRUCT_OPS) CONSTANT(prog_type, BPF_PROG_TYPE_EXT)
    CONSTANT(prog_type, BPF_PROG_TYPE_LSM) CONSTANT(prog_type, BPF_PROG_TYPE_SK_LOOKUP)
    CONSTANT(prog_type, BPF_PROG_TYPE_SYSCALL) CONSTANT(prog_type, BPF_PROG_TYPE_NETFILTER)

    CONSTANT(map_type, BPF_MAP_TYPE_UNSPEC) CONSTANT(map_type, BPF_MAP_TYPE_HASH)
    CONSTANT(map_type, BPF_MAP_TYPE_ARRAY) CONSTANT(map_type, BPF_MAP_TYPE_PROG_ARRAY)
    CONSTANT(map_type, BPF_MAP_TYPE_PERF_EVENT_ARRAY) CONSTANT(map_type, BPF_MAP_TYPE_PERCPU_HASH)
    CONSTANT(map_type, BPF_MAP_TYPE_PERCPU_ARRAY) CONSTANT(map_type, BPF_MAP_TYPE_STACK_TRACE)
    CONSTANT(map_type, BPF_MAP_TYPE_CGROUP_ARRAY) CONSTANT(map_type, BPF_MAP_TYPE_LRU_HASH)
    CONSTANT(map_type, BPF_MAP_TYPE_LRU_PERCPU_HASH) CONSTANT(map_type, BPF_MAP_TYPE_LPM_TRIE)
    CONSTANT(map_type, BPF_MAP_TYPE_ARRAY_OF_MAPS) CONSTANT(map_type, BPF_MAP_TYPE_HASH_OF_MAPS)
    CONSTANT(map_type, BPF_MAP_TYPE_DEVMAP) CONSTANT(map_type, BPF_MAP_TYPE_SOCKMAP)
    CONSTANT(map_type, BPF_MAP_TYPE_CPUMAP) CONSTANT(map_type, BPF_MAP_TYPE_XSKMAP)
    CONSTANT(map_type, BPF_MAP_TYPE_SOCKHASH) CONSTANT(map_type, BPF_MAP_TYPE_CGROUP_STORAGE)
    CONSTANT(map_type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY) CONSTANT(map_type, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE)
    CONSTANT(map_type, BPF_MAP_TYPE_QUEUE) CONSTANT(map_type, BPF_MAP_TYPE_STACK)
    CONSTANT(map_type, BPF_MAP_TYPE_SK_STORAGE) CONSTANT(map_type, BPF_MAP_TYPE_DEVMAP_HASH)
    CONSTANT(map_type, BPF_MAP_TYPE_STRUCT_OPS) CONSTANT(map_type, BPF_MAP_TYPE_RINGBUF)
    CONSTANT(map_type, BPF_MAP_TYPE_INODE_STORAGE) CONSTANT(map_type, BPF_MAP_TYPE_TASK_STORAGE)
    CONSTANT(map_type, BPF_MAP_TYPE_BLOOM_FILTER) CONSTANT(map_type, BPF_MAP_TYPE_USER_RINGBUF)
    CONSTANT(map_type, BPF_MAP_TYPE_CGRP_STORAGE) CONSTANT(map_type, BPF_MAP_TYPE_ARENA)

    CONSTANT(attach_type, BPF_CGROUP_INET_INGRESS) CONSTANT(attach_type, BPF_CGROUP_INET_EGRESS)
    CONSTANT(attach_type, BPF_CGROUP_INET_SOCK_CREATE) CONSTANT(attach_type, BPF_CGROUP_SOCK_OPS)
    CONSTANT(attach_type, BPF_SK_SKB_STREAM_PARSER) CONSTANT(attach_type, BPF_SK_SKB_STREAM_VERDICT)
    CONSTANT(attach_type, BPF_CGROUP_DEVICE) CONSTANT(attach_type, BPF_SK_MSG_VERDICT)
    CONSTANT(attach_type, BPF_CGROUP_INET4_BIND) CONSTANT(attach_type, BPF_CGROUP_INET6_BIND)
    CONSTANT(attach_type, BPF_CGROUP_INET4_CONNECT) CONSTANT(attach_type, BPF_CGROUP_INET6_CONNECT)
    CONSTANT(attach_type, BPF_CGROUP_INET4_POST_BIND) CONSTANT(attach_type, BPF_CGROUP_INET6_POST_BIND)
    CONSTANT(attach_type, BPF_CGROUP_UDP4_SENDMSG) CONSTANT(attach_type, BPF_CGROUP_UDP6_SENDMSG)
    CONSTANT(attach_type, BPF_LIRC_MODE2) CONSTANT(attach_type, BPF_FLOW_DISSECTOR)
    CONSTANT(attach_type, BPF_CGROUP_SYSCTL) CONSTANT(attach_type, BPF_CGROUP_UDP4_RECVMSG)
    CONSTANT(attach_type, BPF_CGROUP_UDP6_RECVMSG) CONSTANT(attach_type, BPF_CGROUP_GETSOCKOPT)
    CONSTANT(attach_type, BPF_CGROUP_SETSOCKOPT) CONSTANT(attach_type, BPF_TRACE_RAW_TP)
    CONSTANT(attach_type, BPF_TRACE_FENTRY) CONSTANT(attach_type, BPF_TRACE_FEXIT)
    CONSTANT(attach_type, BPF_MODIFY_RETURN) CONSTANT(attach_type, BPF_LSM_MAC)
    CONSTANT(attach_type, BPF_TRACE_ITER) CONSTANT(attach_type, BPF_CGROUP_INET4_GETPEERNAME)
    CONSTANT(attach_type, BPF_CGROUP_INET6_GETPEERNAME) CONSTANT(attach_type, BPF_CGROUP_INET4_GETSOCKNAME)
    CONSTANT(attach_type, BPF_CGROUP_INET6_GETSOCKNAME) CONSTANT(attach_type, BPF_XDP_DEVMAP)
    CONSTANT(attach_type, BPF_CGROUP_INET_SOCK_RELEASE) CONSTANT(attach_type, BPF_XDP_CPUMAP)
    CONSTANT(attach_type, BPF_SK_LOOKUP) CONSTANT(attach_type, BPF_XDP)
    CONSTANT(attach_type, BPF_SK_SKB_VERDICT) CONSTANT(attach_type, BPF_SK_REUSEPORT_SELECT)
    CONSTANT(attach_type, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE) CONSTANT(attach_type, BPF_PERF_EVENT)
    CONSTANT(attach_type, BPF_TRACE_KPROBE_MULTI) CONSTANT(attach_type, BPF_LSM_CGROUP)
    CONSTANT(attach_type, BPF_STRUCT_OPS) CONSTANT(attach_type, BPF_NETFILTER)
    CONSTANT(attach_type, BPF_TCX_INGRESS) CONSTANT(attach_type, BPF_TCX_EGRESS)
    CONSTANT(attach_type, BPF_TRACE_UPROBE_MULTI) CONSTANT(attach_type, BPF_CGROUP_UNIX_CONNECT)
    CONSTANT(attach_type, BPF_CGROUP_UNIX_SENDMSG) CONSTANT(attach_type, BPF_CGROUP_UNIX_RECVMSG)
    CONSTANT(attach_type, BPF_CGROUP_UNIX_GETPEERNAME) CONSTANT(attach_type, BPF_CGROUP_UNIX_GETSOCKNAME)
    CONSTANT(attach_type, BPF_NETKIT_PRIMARY) CONSTANT(attach_type, BPF_NETKIT_PEER)
}

int main(void)
{
    layouts();
    for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
        printf("helper %s %lld\n", helpers[i].name, helpers[i].id);
    constants();
    return 0;
}
