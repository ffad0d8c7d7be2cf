using System.Collections.Immutable;
using static Ebpf.Core.Abi.HelperArgumentKind;

namespace Ebpf.Core.Abi;

/// <summary>
/// Linux helper prototypes, each as the kernel's <c>struct bpf_func_proto</c> declares it (kernel/bpf/helpers.c,
/// ringbuf.c, bpf_iter.c, core.c, kernel/trace/bpf_trace.c, net/core/filter.c). Where program types get
/// different protos under one number (<c>bpf_perf_event_output</c> has a tracing, an skb, an xdp and a generic
/// one), they share the shape given here.
/// </summary>
internal static class LinuxHelpers
{
    private static readonly HelperArgument Any = new(Anything);
    private static readonly HelperArgument Map = new(ConstMapPointer);
    private static readonly HelperArgument Key = new(PointerToMapKey);
    private static readonly HelperArgument Value = new(PointerToMapValue);
    private static readonly HelperArgument UninitValue = new(PointerToUninitMapValue);
    private static readonly HelperArgument Readable = new(PointerToReadableMemory);
    private static readonly HelperArgument ReadableOrNull = new(PointerToReadableMemory, MayBeNull: true);
    private static readonly HelperArgument Uninit = new(PointerToUninitMemory);
    private static readonly HelperArgument WritableOrNull = new(PointerToWritableMemory, MayBeNull: true);
    private static readonly HelperArgument Size = new(ConstSize);
    private static readonly HelperArgument SizeOrZero = new(ConstSizeOrZero);
    private static readonly HelperArgument Context = new(PointerToContext);
    private static readonly HelperArgument Callback = new(PointerToFunction);
    private static readonly HelperArgument StackOrNull = new(PointerToStack, MayBeNull: true);
    private static readonly HelperArgument Record = new(PointerToAllocMemory);
    private static readonly HelperArgument ConstString = new(PointerToConstString);
    private static readonly HelperArgument ValueOrNull = new(PointerToMapValue, MayBeNull: true);
    private static readonly HelperArgument Task = new(PointerToBtfObject) { BtfStruct = "task_struct" };
    private static readonly HelperArgument TaskOrNull = new(PointerToBtfObject, MayBeNull: true) { BtfStruct = "task_struct" };

    private const HelperReturnKind Integer = HelperReturnKind.Integer;
    private const HelperReturnKind Void = HelperReturnKind.Void;
    private const HelperReturnKind MapValueOrNull = HelperReturnKind.PointerToMapValueOrNull;
    private const HelperReturnKind RecordOrNull = HelperReturnKind.PointerToAllocMemoryOrNull;
    private const HelperReturnKind BtfObject = HelperReturnKind.PointerToBtfObject;

    /// <summary>Every prototype Linux's table holds.</summary>
    public static ImmutableArray<HelperPrototype> All { get; } =
    [
        // Maps (kernel/bpf/helpers.c).
        P(HelperId.MapLookupElem, "map_lookup_elem", MapValueOrNull, Map, Key) with { AcceptsPacketPointers = true },
        P(HelperId.MapUpdateElem, "map_update_elem", Integer, Map, Key, Value, Any) with { AcceptsPacketPointers = true },
        P(HelperId.MapDeleteElem, "map_delete_elem", Integer, Map, Key) with { AcceptsPacketPointers = true },
        P(HelperId.MapPushElem, "map_push_elem", Integer, Map, Value, Any) with { AcceptsPacketPointers = true },
        P(HelperId.MapPopElem, "map_pop_elem", Integer, Map, UninitValue),
        P(HelperId.MapPeekElem, "map_peek_elem", Integer, Map, UninitValue),
        P(HelperId.MapLookupPercpuElem, "map_lookup_percpu_elem", MapValueOrNull, Map, Key, Any) with { AcceptsPacketPointers = true },
        P(HelperId.ForEachMapElem, "for_each_map_elem", Integer, Map, Callback, StackOrNull, Any),
        P(HelperId.TailCall, "tail_call", Void, Context, Map, Any),

        // Time, randomness, processor (kernel/bpf/helpers.c).
        P(HelperId.KtimeGetNs, "ktime_get_ns", Integer),
        P(HelperId.KtimeGetBootNs, "ktime_get_boot_ns", Integer),
        P(HelperId.KtimeGetCoarseNs, "ktime_get_coarse_ns", Integer),
        P(HelperId.KtimeGetTaiNs, "ktime_get_tai_ns", Integer),
        P(HelperId.Jiffies64, "jiffies64", Integer),
        P(HelperId.GetPrandomU32, "get_prandom_u32", Integer),
        P(HelperId.GetSmpProcessorId, "get_smp_processor_id", Integer),
        P(HelperId.GetNumaNodeId, "get_numa_node_id", Integer),

        // The calling process (kernel/bpf/helpers.c).
        P(HelperId.GetCurrentPidTgid, "get_current_pid_tgid", Integer),
        P(HelperId.GetCurrentUidGid, "get_current_uid_gid", Integer),
        P(HelperId.GetCurrentComm, "get_current_comm", Integer, Uninit, Size),

        // Loops and strings (kernel/bpf/bpf_iter.c, helpers.c).
        P(HelperId.Loop, "loop", Integer, Any, Callback, StackOrNull, Any),
        P(HelperId.Strncmp, "strncmp", Integer, Readable, Size, ConstString),
        P(HelperId.Snprintf, "snprintf", Integer, WritableOrNull, SizeOrZero, ConstString, ReadableOrNull, SizeOrZero) with { IsGplOnly = true },

        // Tracing output and kernel memory (kernel/trace/bpf_trace.c).
        P(HelperId.TracePrintk, "trace_printk", Integer, Readable, Size) with { IsGplOnly = true },
        P(HelperId.PerfEventOutput, "perf_event_output", Integer, Context, Map, Any, Readable, SizeOrZero) with { IsGplOnly = true },
        P(HelperId.ProbeReadKernel, "probe_read_kernel", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },
        P(HelperId.ProbeReadKernelStr, "probe_read_kernel_str", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },
        P(HelperId.ProbeReadUser, "probe_read_user", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },
        P(HelperId.ProbeReadUserStr, "probe_read_user_str", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },

        // The old probe_read and probe_read_str: kernel or user memory, whichever the address is (x86-64 keeps them).
        P(HelperId.ProbeRead, "probe_read", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },
        P(HelperId.ProbeReadStr, "probe_read_str", Integer, Uninit, SizeOrZero, Any) with { IsGplOnly = true },
        P(HelperId.GetStackid, "get_stackid", Integer, Context, Map, Any) with { IsGplOnly = true },
        P(HelperId.GetStack, "get_stack", Integer, Context, Uninit, SizeOrZero, Any) with { IsGplOnly = true },

        // The task is a kernel address returned as a number (RET_INTEGER): programs only pass it to probe_read.
        P(HelperId.GetCurrentTask, "get_current_task", Integer) with { IsGplOnly = true },

        // Kernel objects typed by BTF (kernel/trace/bpf_trace.c, kernel/bpf/bpf_task_storage.c): only verified against the
        // kernel's types; no kernel object exists to run them on in user mode.
        P(HelperId.GetCurrentTaskBtf, "get_current_task_btf", BtfObject) with { IsGplOnly = true, ReturnedBtfStruct = "task_struct" },
        P(HelperId.TaskPtRegs, "task_pt_regs", BtfObject, Task) with { IsGplOnly = true, ReturnedBtfStruct = "pt_regs" },
        P(HelperId.TaskStorageGet, "task_storage_get", MapValueOrNull, Map, TaskOrNull, ValueOrNull, Any),
        P(HelperId.TaskStorageDelete, "task_storage_delete", Integer, Map, Task),
        P(HelperId.CurrentTaskUnderCgroup, "current_task_under_cgroup", Integer, Map, Any),
        P(HelperId.GetCurrentCgroupId, "get_current_cgroup_id", Integer),
        P(HelperId.GetFuncIp, "get_func_ip", Integer, Context),
        P(HelperId.GetAttachCookie, "get_attach_cookie", Integer, Context),

        // Ring buffers (kernel/bpf/ringbuf.c).
        P(HelperId.RingbufOutput, "ringbuf_output", Integer, Map, Readable, SizeOrZero, Any),
        P(HelperId.RingbufReserve, "ringbuf_reserve", RecordOrNull, Map, new(ConstAllocSizeOrZero), Any),
        P(HelperId.RingbufSubmit, "ringbuf_submit", Void, Record, Any),
        P(HelperId.RingbufDiscard, "ringbuf_discard", Void, Record, Any),
        P(HelperId.RingbufQuery, "ringbuf_query", Integer, Map, Any),

        // Packets and sockets (net/core/filter.c).
        P(HelperId.SkbLoadBytes, "skb_load_bytes", Integer, Context, Any, Uninit, Size),
        P(HelperId.SkbLoadBytesRelative, "skb_load_bytes_relative", Integer, Context, Any, Uninit, Size, Any),
        P(HelperId.SkbStoreBytes, "skb_store_bytes", Integer, Context, Any, Readable, Size, Any) with { ChangesPacketData = true },
        P(HelperId.SkbPullData, "skb_pull_data", Integer, Context, Any) with { ChangesPacketData = true },
        P(HelperId.L3CsumReplace, "l3_csum_replace", Integer, Context, Any, Any, Any, Any) with { ChangesPacketData = true },
        P(HelperId.L4CsumReplace, "l4_csum_replace", Integer, Context, Any, Any, Any, Any) with { ChangesPacketData = true },
        P(HelperId.SkbChangeType, "skb_change_type", Integer, Context, Any),
        P(HelperId.GetHashRecalc, "get_hash_recalc", Integer, Context),
        P(HelperId.SetHashInvalid, "set_hash_invalid", Void, Context),
        P(HelperId.GetSocketCookie, "get_socket_cookie", Integer, Context),
        P(HelperId.GetSocketUid, "get_socket_uid", Integer, Context),
        P(HelperId.SockOpsCbFlagsSet, "sock_ops_cb_flags_set", Integer, Context, Any),
        P(HelperId.CsumDiff, "csum_diff", Integer, ReadableOrNull, SizeOrZero, ReadableOrNull, SizeOrZero, Any) with { AcceptsPacketPointers = true },
        P(HelperId.Redirect, "redirect", Integer, Any, Any),
        P(HelperId.RedirectMap, "redirect_map", Integer, Map, Any, Any),
        P(HelperId.XdpAdjustHead, "xdp_adjust_head", Integer, Context, Any) with { ChangesPacketData = true },
        P(HelperId.XdpAdjustMeta, "xdp_adjust_meta", Integer, Context, Any) with { ChangesPacketData = true },
        P(HelperId.XdpAdjustTail, "xdp_adjust_tail", Integer, Context, Any) with { ChangesPacketData = true },
        P(HelperId.XdpGetBuffLen, "xdp_get_buff_len", Integer, Context),
        P(HelperId.XdpLoadBytes, "xdp_load_bytes", Integer, Context, Any, Uninit, Size),

        // The buffer is read-only since the kernel's "bpf: Fix bpf_xdp_store_bytes proto for read-only arg";
        // before that fix it was declared ARG_PTR_TO_UNINIT_MEM.
        P(HelperId.XdpStoreBytes, "xdp_store_bytes", Integer, Context, Any, Readable, Size),
    ];

    private static HelperPrototype P(int id, string name, HelperReturnKind returns, params HelperArgument[] arguments) =>
        new(id, "bpf_" + name, returns, [.. arguments]) { LinuxId = id };
}
