using Ebpf.Core.Abi;

namespace Ebpf.Elf.Loading;

/// <summary>
/// libbpf's section-name rules (libbpf 1.x <c>section_defs</c>): the first rule that matches a section name
/// gives its programs their type and expected attach type.
/// </summary>
public static class SectionDefinitions
{
    /// <summary>The rules in matching order.</summary>
    public static IReadOnlyList<SectionDefinition> All { get; } = Build();

    /// <summary>The first rule matching <paramref name="section"/>, and the attach target after its prefix.</summary>
    public static SectionDefinition? Find(string section, out string? target)
    {
        foreach (var definition in All)
        {
            if (definition.Matches(section, out target))
            {
                return definition;
            }
        }

        target = null;
        return null;
    }

    private static List<SectionDefinition> Build()
    {
        var rules = new List<SectionDefinition>();
        void Add(ProgramType type, AttachType? attach, params string[] names) =>
            rules.AddRange(names.Select(n => new SectionDefinition(n.TrimEnd('+'), type, attach, n.EndsWith('+'))));

        Add(ProgramType.SocketFilter, null, "socket");
        Add(ProgramType.SkReuseport, AttachType.SkReuseportSelectOrMigrate, "sk_reuseport/migrate");
        Add(ProgramType.SkReuseport, AttachType.SkReuseportSelect, "sk_reuseport");
        Add(ProgramType.Kprobe, null, "kprobe+", "uprobe+", "uprobe.s+", "kretprobe+", "uretprobe+", "uretprobe.s+");
        Add(ProgramType.Kprobe, AttachType.TraceKprobeMulti, "kprobe.multi+", "kretprobe.multi+");
        Add(ProgramType.Kprobe, AttachType.TraceUprobeMulti, "uprobe.multi+", "uretprobe.multi+", "uprobe.multi.s+", "uretprobe.multi.s+");
        Add(ProgramType.Kprobe, null, "ksyscall+", "kretsyscall+", "usdt+", "usdt.s+");
        Add(ProgramType.SchedCls, AttachType.TcxIngress, "tc/ingress", "tcx/ingress");
        Add(ProgramType.SchedCls, AttachType.TcxEgress, "tc/egress", "tcx/egress");
        Add(ProgramType.SchedCls, AttachType.NetkitPrimary, "netkit/primary");
        Add(ProgramType.SchedCls, AttachType.NetkitPeer, "netkit/peer");
        Add(ProgramType.SchedCls, null, "tc", "classifier");
        Add(ProgramType.SchedAct, null, "action");
        Add(ProgramType.Tracepoint, null, "tracepoint+", "tp+");
        Add(ProgramType.RawTracepoint, null, "raw_tracepoint+", "raw_tp+");
        Add(ProgramType.RawTracepointWritable, null, "raw_tracepoint.w+", "raw_tp.w+");
        Add(ProgramType.Tracing, AttachType.TraceRawTp, "tp_btf+");
        Add(ProgramType.Tracing, AttachType.TraceFentry, "fentry+", "fentry.s+");
        Add(ProgramType.Tracing, AttachType.ModifyReturn, "fmod_ret+", "fmod_ret.s+");
        Add(ProgramType.Tracing, AttachType.TraceFexit, "fexit+", "fexit.s+");
        Add(ProgramType.Ext, null, "freplace+");
        Add(ProgramType.Lsm, AttachType.LsmMac, "lsm+", "lsm.s+");
        Add(ProgramType.Lsm, AttachType.LsmCgroup, "lsm_cgroup+");
        Add(ProgramType.Tracing, AttachType.TraceIter, "iter+", "iter.s+");
        Add(ProgramType.Syscall, null, "syscall");
        Add(ProgramType.Xdp, AttachType.XdpDevmap, "xdp.frags/devmap", "xdp/devmap");
        Add(ProgramType.Xdp, AttachType.XdpCpumap, "xdp.frags/cpumap", "xdp/cpumap");
        Add(ProgramType.Xdp, AttachType.Xdp, "xdp.frags", "xdp");
        Add(ProgramType.PerfEvent, null, "perf_event");
        Add(ProgramType.LwtIn, null, "lwt_in");
        Add(ProgramType.LwtOut, null, "lwt_out");
        Add(ProgramType.LwtXmit, null, "lwt_xmit");
        Add(ProgramType.LwtSeg6Local, null, "lwt_seg6local");
        Add(ProgramType.SockOps, AttachType.CgroupSockOps, "sockops");
        Add(ProgramType.SkSkb, AttachType.SkSkbStreamParser, "sk_skb/stream_parser");
        Add(ProgramType.SkSkb, AttachType.SkSkbStreamVerdict, "sk_skb/stream_verdict");
        Add(ProgramType.SkSkb, AttachType.SkSkbVerdict, "sk_skb/verdict");
        Add(ProgramType.SkSkb, null, "sk_skb");
        Add(ProgramType.SkMsg, AttachType.SkMsgVerdict, "sk_msg");
        Add(ProgramType.LircMode2, AttachType.LircMode2, "lirc_mode2");
        Add(ProgramType.FlowDissector, AttachType.FlowDissector, "flow_dissector");
        Add(ProgramType.CgroupSkb, AttachType.CgroupInetIngress, "cgroup_skb/ingress");
        Add(ProgramType.CgroupSkb, AttachType.CgroupInetEgress, "cgroup_skb/egress");
        Add(ProgramType.CgroupSkb, null, "cgroup/skb");
        Add(ProgramType.CgroupSock, AttachType.CgroupInetSockCreate, "cgroup/sock_create");
        Add(ProgramType.CgroupSock, AttachType.CgroupInetSockRelease, "cgroup/sock_release");
        Add(ProgramType.CgroupSock, AttachType.CgroupInetSockCreate, "cgroup/sock");
        Add(ProgramType.CgroupSock, AttachType.CgroupInet4PostBind, "cgroup/post_bind4");
        Add(ProgramType.CgroupSock, AttachType.CgroupInet6PostBind, "cgroup/post_bind6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind, "cgroup/bind4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet6Bind, "cgroup/bind6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet4Connect, "cgroup/connect4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet6Connect, "cgroup/connect6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUnixConnect, "cgroup/connect_unix");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUdp4Sendmsg, "cgroup/sendmsg4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUdp6Sendmsg, "cgroup/sendmsg6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUnixSendmsg, "cgroup/sendmsg_unix");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUdp4Recvmsg, "cgroup/recvmsg4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUdp6Recvmsg, "cgroup/recvmsg6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUnixRecvmsg, "cgroup/recvmsg_unix");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet4Getpeername, "cgroup/getpeername4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet6Getpeername, "cgroup/getpeername6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUnixGetpeername, "cgroup/getpeername_unix");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet4Getsockname, "cgroup/getsockname4");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupInet6Getsockname, "cgroup/getsockname6");
        Add(ProgramType.CgroupSockAddr, AttachType.CgroupUnixGetsockname, "cgroup/getsockname_unix");
        Add(ProgramType.CgroupSysctl, AttachType.CgroupSysctl, "cgroup/sysctl");
        Add(ProgramType.CgroupSockopt, AttachType.CgroupGetsockopt, "cgroup/getsockopt");
        Add(ProgramType.CgroupSockopt, AttachType.CgroupSetsockopt, "cgroup/setsockopt");
        Add(ProgramType.CgroupDevice, AttachType.CgroupDevice, "cgroup/dev");
        Add(ProgramType.StructOps, null, "struct_ops+", "struct_ops.s+");
        Add(ProgramType.SkLookup, AttachType.SkLookup, "sk_lookup");
        Add(ProgramType.Netfilter, AttachType.Netfilter, "netfilter");
        return rules;
    }
}
