namespace Ebpf.Core.Abi;

/// <summary>
/// Linux helper numbers, as <c>enum bpf_func_id</c> in <c>include/uapi/linux/bpf.h</c> numbers them: the
/// immediate of <c>call</c> that clang emits for <c>bpf_map_lookup_elem</c> and the rest. Each constant is the
/// helper's name without the <c>bpf_</c> prefix, in Pascal case. The numbers are Linux's only; another
/// platform (eBPF for Windows) numbers its helpers in its own <see cref="AbiTable"/>.
/// </summary>
public static class HelperId
{
    /// <summary><c>BPF_FUNC_unspec</c>: no helper; never callable.</summary>
    public const int Unspec = 0;
    /// <summary><c>bpf_map_lookup_elem</c>.</summary>
    public const int MapLookupElem = 1;
    /// <summary><c>bpf_map_update_elem</c>.</summary>
    public const int MapUpdateElem = 2;
    /// <summary><c>bpf_map_delete_elem</c>.</summary>
    public const int MapDeleteElem = 3;
    /// <summary><c>bpf_probe_read</c>.</summary>
    public const int ProbeRead = 4;
    /// <summary><c>bpf_ktime_get_ns</c>.</summary>
    public const int KtimeGetNs = 5;
    /// <summary><c>bpf_trace_printk</c>.</summary>
    public const int TracePrintk = 6;
    /// <summary><c>bpf_get_prandom_u32</c>.</summary>
    public const int GetPrandomU32 = 7;
    /// <summary><c>bpf_get_smp_processor_id</c>.</summary>
    public const int GetSmpProcessorId = 8;
    /// <summary><c>bpf_skb_store_bytes</c>.</summary>
    public const int SkbStoreBytes = 9;
    /// <summary><c>bpf_l3_csum_replace</c>.</summary>
    public const int L3CsumReplace = 10;
    /// <summary><c>bpf_l4_csum_replace</c>.</summary>
    public const int L4CsumReplace = 11;
    /// <summary><c>bpf_tail_call</c>.</summary>
    public const int TailCall = 12;
    /// <summary><c>bpf_clone_redirect</c>.</summary>
    public const int CloneRedirect = 13;
    /// <summary><c>bpf_get_current_pid_tgid</c>.</summary>
    public const int GetCurrentPidTgid = 14;
    /// <summary><c>bpf_get_current_uid_gid</c>.</summary>
    public const int GetCurrentUidGid = 15;
    /// <summary><c>bpf_get_current_comm</c>.</summary>
    public const int GetCurrentComm = 16;
    /// <summary><c>bpf_get_cgroup_classid</c>.</summary>
    public const int GetCgroupClassid = 17;
    /// <summary><c>bpf_skb_vlan_push</c>.</summary>
    public const int SkbVlanPush = 18;
    /// <summary><c>bpf_skb_vlan_pop</c>.</summary>
    public const int SkbVlanPop = 19;
    /// <summary><c>bpf_skb_get_tunnel_key</c>.</summary>
    public const int SkbGetTunnelKey = 20;
    /// <summary><c>bpf_skb_set_tunnel_key</c>.</summary>
    public const int SkbSetTunnelKey = 21;
    /// <summary><c>bpf_perf_event_read</c>.</summary>
    public const int PerfEventRead = 22;
    /// <summary><c>bpf_redirect</c>.</summary>
    public const int Redirect = 23;
    /// <summary><c>bpf_get_route_realm</c>.</summary>
    public const int GetRouteRealm = 24;
    /// <summary><c>bpf_perf_event_output</c>.</summary>
    public const int PerfEventOutput = 25;
    /// <summary><c>bpf_skb_load_bytes</c>.</summary>
    public const int SkbLoadBytes = 26;
    /// <summary><c>bpf_get_stackid</c>.</summary>
    public const int GetStackid = 27;
    /// <summary><c>bpf_csum_diff</c>.</summary>
    public const int CsumDiff = 28;
    /// <summary><c>bpf_skb_get_tunnel_opt</c>.</summary>
    public const int SkbGetTunnelOpt = 29;
    /// <summary><c>bpf_skb_set_tunnel_opt</c>.</summary>
    public const int SkbSetTunnelOpt = 30;
    /// <summary><c>bpf_skb_change_proto</c>.</summary>
    public const int SkbChangeProto = 31;
    /// <summary><c>bpf_skb_change_type</c>.</summary>
    public const int SkbChangeType = 32;
    /// <summary><c>bpf_skb_under_cgroup</c>.</summary>
    public const int SkbUnderCgroup = 33;
    /// <summary><c>bpf_get_hash_recalc</c>.</summary>
    public const int GetHashRecalc = 34;
    /// <summary><c>bpf_get_current_task</c>.</summary>
    public const int GetCurrentTask = 35;
    /// <summary><c>bpf_probe_write_user</c>.</summary>
    public const int ProbeWriteUser = 36;
    /// <summary><c>bpf_current_task_under_cgroup</c>.</summary>
    public const int CurrentTaskUnderCgroup = 37;
    /// <summary><c>bpf_skb_change_tail</c>.</summary>
    public const int SkbChangeTail = 38;
    /// <summary><c>bpf_skb_pull_data</c>.</summary>
    public const int SkbPullData = 39;
    /// <summary><c>bpf_csum_update</c>.</summary>
    public const int CsumUpdate = 40;
    /// <summary><c>bpf_set_hash_invalid</c>.</summary>
    public const int SetHashInvalid = 41;
    /// <summary><c>bpf_get_numa_node_id</c>.</summary>
    public const int GetNumaNodeId = 42;
    /// <summary><c>bpf_skb_change_head</c>.</summary>
    public const int SkbChangeHead = 43;
    /// <summary><c>bpf_xdp_adjust_head</c>.</summary>
    public const int XdpAdjustHead = 44;
    /// <summary><c>bpf_probe_read_str</c>.</summary>
    public const int ProbeReadStr = 45;
    /// <summary><c>bpf_get_socket_cookie</c>.</summary>
    public const int GetSocketCookie = 46;
    /// <summary><c>bpf_get_socket_uid</c>.</summary>
    public const int GetSocketUid = 47;
    /// <summary><c>bpf_set_hash</c>.</summary>
    public const int SetHash = 48;
    /// <summary><c>bpf_setsockopt</c>.</summary>
    public const int Setsockopt = 49;
    /// <summary><c>bpf_skb_adjust_room</c>.</summary>
    public const int SkbAdjustRoom = 50;
    /// <summary><c>bpf_redirect_map</c>.</summary>
    public const int RedirectMap = 51;
    /// <summary><c>bpf_sk_redirect_map</c>.</summary>
    public const int SkRedirectMap = 52;
    /// <summary><c>bpf_sock_map_update</c>.</summary>
    public const int SockMapUpdate = 53;
    /// <summary><c>bpf_xdp_adjust_meta</c>.</summary>
    public const int XdpAdjustMeta = 54;
    /// <summary><c>bpf_perf_event_read_value</c>.</summary>
    public const int PerfEventReadValue = 55;
    /// <summary><c>bpf_perf_prog_read_value</c>.</summary>
    public const int PerfProgReadValue = 56;
    /// <summary><c>bpf_getsockopt</c>.</summary>
    public const int Getsockopt = 57;
    /// <summary><c>bpf_override_return</c>.</summary>
    public const int OverrideReturn = 58;
    /// <summary><c>bpf_sock_ops_cb_flags_set</c>.</summary>
    public const int SockOpsCbFlagsSet = 59;
    /// <summary><c>bpf_msg_redirect_map</c>.</summary>
    public const int MsgRedirectMap = 60;
    /// <summary><c>bpf_msg_apply_bytes</c>.</summary>
    public const int MsgApplyBytes = 61;
    /// <summary><c>bpf_msg_cork_bytes</c>.</summary>
    public const int MsgCorkBytes = 62;
    /// <summary><c>bpf_msg_pull_data</c>.</summary>
    public const int MsgPullData = 63;
    /// <summary><c>bpf_bind</c>.</summary>
    public const int Bind = 64;
    /// <summary><c>bpf_xdp_adjust_tail</c>.</summary>
    public const int XdpAdjustTail = 65;
    /// <summary><c>bpf_skb_get_xfrm_state</c>.</summary>
    public const int SkbGetXfrmState = 66;
    /// <summary><c>bpf_get_stack</c>.</summary>
    public const int GetStack = 67;
    /// <summary><c>bpf_skb_load_bytes_relative</c>.</summary>
    public const int SkbLoadBytesRelative = 68;
    /// <summary><c>bpf_fib_lookup</c>.</summary>
    public const int FibLookup = 69;
    /// <summary><c>bpf_sock_hash_update</c>.</summary>
    public const int SockHashUpdate = 70;
    /// <summary><c>bpf_msg_redirect_hash</c>.</summary>
    public const int MsgRedirectHash = 71;
    /// <summary><c>bpf_sk_redirect_hash</c>.</summary>
    public const int SkRedirectHash = 72;
    /// <summary><c>bpf_lwt_push_encap</c>.</summary>
    public const int LwtPushEncap = 73;
    /// <summary><c>bpf_lwt_seg6_store_bytes</c>.</summary>
    public const int LwtSeg6StoreBytes = 74;
    /// <summary><c>bpf_lwt_seg6_adjust_srh</c>.</summary>
    public const int LwtSeg6AdjustSrh = 75;
    /// <summary><c>bpf_lwt_seg6_action</c>.</summary>
    public const int LwtSeg6Action = 76;
    /// <summary><c>bpf_rc_repeat</c>.</summary>
    public const int RcRepeat = 77;
    /// <summary><c>bpf_rc_keydown</c>.</summary>
    public const int RcKeydown = 78;
    /// <summary><c>bpf_skb_cgroup_id</c>.</summary>
    public const int SkbCgroupId = 79;
    /// <summary><c>bpf_get_current_cgroup_id</c>.</summary>
    public const int GetCurrentCgroupId = 80;
    /// <summary><c>bpf_get_local_storage</c>.</summary>
    public const int GetLocalStorage = 81;
    /// <summary><c>bpf_sk_select_reuseport</c>.</summary>
    public const int SkSelectReuseport = 82;
    /// <summary><c>bpf_skb_ancestor_cgroup_id</c>.</summary>
    public const int SkbAncestorCgroupId = 83;
    /// <summary><c>bpf_sk_lookup_tcp</c>.</summary>
    public const int SkLookupTcp = 84;
    /// <summary><c>bpf_sk_lookup_udp</c>.</summary>
    public const int SkLookupUdp = 85;
    /// <summary><c>bpf_sk_release</c>.</summary>
    public const int SkRelease = 86;
    /// <summary><c>bpf_map_push_elem</c>.</summary>
    public const int MapPushElem = 87;
    /// <summary><c>bpf_map_pop_elem</c>.</summary>
    public const int MapPopElem = 88;
    /// <summary><c>bpf_map_peek_elem</c>.</summary>
    public const int MapPeekElem = 89;
    /// <summary><c>bpf_msg_push_data</c>.</summary>
    public const int MsgPushData = 90;
    /// <summary><c>bpf_msg_pop_data</c>.</summary>
    public const int MsgPopData = 91;
    /// <summary><c>bpf_rc_pointer_rel</c>.</summary>
    public const int RcPointerRel = 92;
    /// <summary><c>bpf_spin_lock</c>.</summary>
    public const int SpinLock = 93;
    /// <summary><c>bpf_spin_unlock</c>.</summary>
    public const int SpinUnlock = 94;
    /// <summary><c>bpf_sk_fullsock</c>.</summary>
    public const int SkFullsock = 95;
    /// <summary><c>bpf_tcp_sock</c>.</summary>
    public const int TcpSock = 96;
    /// <summary><c>bpf_skb_ecn_set_ce</c>.</summary>
    public const int SkbEcnSetCe = 97;
    /// <summary><c>bpf_get_listener_sock</c>.</summary>
    public const int GetListenerSock = 98;
    /// <summary><c>bpf_skc_lookup_tcp</c>.</summary>
    public const int SkcLookupTcp = 99;
    /// <summary><c>bpf_tcp_check_syncookie</c>.</summary>
    public const int TcpCheckSyncookie = 100;
    /// <summary><c>bpf_sysctl_get_name</c>.</summary>
    public const int SysctlGetName = 101;
    /// <summary><c>bpf_sysctl_get_current_value</c>.</summary>
    public const int SysctlGetCurrentValue = 102;
    /// <summary><c>bpf_sysctl_get_new_value</c>.</summary>
    public const int SysctlGetNewValue = 103;
    /// <summary><c>bpf_sysctl_set_new_value</c>.</summary>
    public const int SysctlSetNewValue = 104;
    /// <summary><c>bpf_strtol</c>.</summary>
    public const int Strtol = 105;
    /// <summary><c>bpf_strtoul</c>.</summary>
    public const int Strtoul = 106;
    /// <summary><c>bpf_sk_storage_get</c>.</summary>
    public const int SkStorageGet = 107;
    /// <summary><c>bpf_sk_storage_delete</c>.</summary>
    public const int SkStorageDelete = 108;
    /// <summary><c>bpf_send_signal</c>.</summary>
    public const int SendSignal = 109;
    /// <summary><c>bpf_tcp_gen_syncookie</c>.</summary>
    public const int TcpGenSyncookie = 110;
    /// <summary><c>bpf_skb_output</c>.</summary>
    public const int SkbOutput = 111;
    /// <summary><c>bpf_probe_read_user</c>.</summary>
    public const int ProbeReadUser = 112;
    /// <summary><c>bpf_probe_read_kernel</c>.</summary>
    public const int ProbeReadKernel = 113;
    /// <summary><c>bpf_probe_read_user_str</c>.</summary>
    public const int ProbeReadUserStr = 114;
    /// <summary><c>bpf_probe_read_kernel_str</c>.</summary>
    public const int ProbeReadKernelStr = 115;
    /// <summary><c>bpf_tcp_send_ack</c>.</summary>
    public const int TcpSendAck = 116;
    /// <summary><c>bpf_send_signal_thread</c>.</summary>
    public const int SendSignalThread = 117;
    /// <summary><c>bpf_jiffies64</c>.</summary>
    public const int Jiffies64 = 118;
    /// <summary><c>bpf_read_branch_records</c>.</summary>
    public const int ReadBranchRecords = 119;
    /// <summary><c>bpf_get_ns_current_pid_tgid</c>.</summary>
    public const int GetNsCurrentPidTgid = 120;
    /// <summary><c>bpf_xdp_output</c>.</summary>
    public const int XdpOutput = 121;
    /// <summary><c>bpf_get_netns_cookie</c>.</summary>
    public const int GetNetnsCookie = 122;
    /// <summary><c>bpf_get_current_ancestor_cgroup_id</c>.</summary>
    public const int GetCurrentAncestorCgroupId = 123;
    /// <summary><c>bpf_sk_assign</c>.</summary>
    public const int SkAssign = 124;
    /// <summary><c>bpf_ktime_get_boot_ns</c>.</summary>
    public const int KtimeGetBootNs = 125;
    /// <summary><c>bpf_seq_printf</c>.</summary>
    public const int SeqPrintf = 126;
    /// <summary><c>bpf_seq_write</c>.</summary>
    public const int SeqWrite = 127;
    /// <summary><c>bpf_sk_cgroup_id</c>.</summary>
    public const int SkCgroupId = 128;
    /// <summary><c>bpf_sk_ancestor_cgroup_id</c>.</summary>
    public const int SkAncestorCgroupId = 129;
    /// <summary><c>bpf_ringbuf_output</c>.</summary>
    public const int RingbufOutput = 130;
    /// <summary><c>bpf_ringbuf_reserve</c>.</summary>
    public const int RingbufReserve = 131;
    /// <summary><c>bpf_ringbuf_submit</c>.</summary>
    public const int RingbufSubmit = 132;
    /// <summary><c>bpf_ringbuf_discard</c>.</summary>
    public const int RingbufDiscard = 133;
    /// <summary><c>bpf_ringbuf_query</c>.</summary>
    public const int RingbufQuery = 134;
    /// <summary><c>bpf_csum_level</c>.</summary>
    public const int CsumLevel = 135;
    /// <summary><c>bpf_skc_to_tcp6_sock</c>.</summary>
    public const int SkcToTcp6Sock = 136;
    /// <summary><c>bpf_skc_to_tcp_sock</c>.</summary>
    public const int SkcToTcpSock = 137;
    /// <summary><c>bpf_skc_to_tcp_timewait_sock</c>.</summary>
    public const int SkcToTcpTimewaitSock = 138;
    /// <summary><c>bpf_skc_to_tcp_request_sock</c>.</summary>
    public const int SkcToTcpRequestSock = 139;
    /// <summary><c>bpf_skc_to_udp6_sock</c>.</summary>
    public const int SkcToUdp6Sock = 140;
    /// <summary><c>bpf_get_task_stack</c>.</summary>
    public const int GetTaskStack = 141;
    /// <summary><c>bpf_load_hdr_opt</c>.</summary>
    public const int LoadHdrOpt = 142;
    /// <summary><c>bpf_store_hdr_opt</c>.</summary>
    public const int StoreHdrOpt = 143;
    /// <summary><c>bpf_reserve_hdr_opt</c>.</summary>
    public const int ReserveHdrOpt = 144;
    /// <summary><c>bpf_inode_storage_get</c>.</summary>
    public const int InodeStorageGet = 145;
    /// <summary><c>bpf_inode_storage_delete</c>.</summary>
    public const int InodeStorageDelete = 146;
    /// <summary><c>bpf_d_path</c>.</summary>
    public const int DPath = 147;
    /// <summary><c>bpf_copy_from_user</c>.</summary>
    public const int CopyFromUser = 148;
    /// <summary><c>bpf_snprintf_btf</c>.</summary>
    public const int SnprintfBtf = 149;
    /// <summary><c>bpf_seq_printf_btf</c>.</summary>
    public const int SeqPrintfBtf = 150;
    /// <summary><c>bpf_skb_cgroup_classid</c>.</summary>
    public const int SkbCgroupClassid = 151;
    /// <summary><c>bpf_redirect_neigh</c>.</summary>
    public const int RedirectNeigh = 152;
    /// <summary><c>bpf_per_cpu_ptr</c>.</summary>
    public const int PerCpuPtr = 153;
    /// <summary><c>bpf_this_cpu_ptr</c>.</summary>
    public const int ThisCpuPtr = 154;
    /// <summary><c>bpf_redirect_peer</c>.</summary>
    public const int RedirectPeer = 155;
    /// <summary><c>bpf_task_storage_get</c>.</summary>
    public const int TaskStorageGet = 156;
    /// <summary><c>bpf_task_storage_delete</c>.</summary>
    public const int TaskStorageDelete = 157;
    /// <summary><c>bpf_get_current_task_btf</c>.</summary>
    public const int GetCurrentTaskBtf = 158;
    /// <summary><c>bpf_bprm_opts_set</c>.</summary>
    public const int BprmOptsSet = 159;
    /// <summary><c>bpf_ktime_get_coarse_ns</c>.</summary>
    public const int KtimeGetCoarseNs = 160;
    /// <summary><c>bpf_ima_inode_hash</c>.</summary>
    public const int ImaInodeHash = 161;
    /// <summary><c>bpf_sock_from_file</c>.</summary>
    public const int SockFromFile = 162;
    /// <summary><c>bpf_check_mtu</c>.</summary>
    public const int CheckMtu = 163;
    /// <summary><c>bpf_for_each_map_elem</c>.</summary>
    public const int ForEachMapElem = 164;
    /// <summary><c>bpf_snprintf</c>.</summary>
    public const int Snprintf = 165;
    /// <summary><c>bpf_sys_bpf</c>.</summary>
    public const int SysBpf = 166;
    /// <summary><c>bpf_btf_find_by_name_kind</c>.</summary>
    public const int BtfFindByNameKind = 167;
    /// <summary><c>bpf_sys_close</c>.</summary>
    public const int SysClose = 168;
    /// <summary><c>bpf_timer_init</c>.</summary>
    public const int TimerInit = 169;
    /// <summary><c>bpf_timer_set_callback</c>.</summary>
    public const int TimerSetCallback = 170;
    /// <summary><c>bpf_timer_start</c>.</summary>
    public const int TimerStart = 171;
    /// <summary><c>bpf_timer_cancel</c>.</summary>
    public const int TimerCancel = 172;
    /// <summary><c>bpf_get_func_ip</c>.</summary>
    public const int GetFuncIp = 173;
    /// <summary><c>bpf_get_attach_cookie</c>.</summary>
    public const int GetAttachCookie = 174;
    /// <summary><c>bpf_task_pt_regs</c>.</summary>
    public const int TaskPtRegs = 175;
    /// <summary><c>bpf_get_branch_snapshot</c>.</summary>
    public const int GetBranchSnapshot = 176;
    /// <summary><c>bpf_trace_vprintk</c>.</summary>
    public const int TraceVprintk = 177;
    /// <summary><c>bpf_skc_to_unix_sock</c>.</summary>
    public const int SkcToUnixSock = 178;
    /// <summary><c>bpf_kallsyms_lookup_name</c>.</summary>
    public const int KallsymsLookupName = 179;
    /// <summary><c>bpf_find_vma</c>.</summary>
    public const int FindVma = 180;
    /// <summary><c>bpf_loop</c>.</summary>
    public const int Loop = 181;
    /// <summary><c>bpf_strncmp</c>.</summary>
    public const int Strncmp = 182;
    /// <summary><c>bpf_get_func_arg</c>.</summary>
    public const int GetFuncArg = 183;
    /// <summary><c>bpf_get_func_ret</c>.</summary>
    public const int GetFuncRet = 184;
    /// <summary><c>bpf_get_func_arg_cnt</c>.</summary>
    public const int GetFuncArgCnt = 185;
    /// <summary><c>bpf_get_retval</c>.</summary>
    public const int GetRetval = 186;
    /// <summary><c>bpf_set_retval</c>.</summary>
    public const int SetRetval = 187;
    /// <summary><c>bpf_xdp_get_buff_len</c>.</summary>
    public const int XdpGetBuffLen = 188;
    /// <summary><c>bpf_xdp_load_bytes</c>.</summary>
    public const int XdpLoadBytes = 189;
    /// <summary><c>bpf_xdp_store_bytes</c>.</summary>
    public const int XdpStoreBytes = 190;
    /// <summary><c>bpf_copy_from_user_task</c>.</summary>
    public const int CopyFromUserTask = 191;
    /// <summary><c>bpf_skb_set_tstamp</c>.</summary>
    public const int SkbSetTstamp = 192;
    /// <summary><c>bpf_ima_file_hash</c>.</summary>
    public const int ImaFileHash = 193;
    /// <summary><c>bpf_kptr_xchg</c>.</summary>
    public const int KptrXchg = 194;
    /// <summary><c>bpf_map_lookup_percpu_elem</c>.</summary>
    public const int MapLookupPercpuElem = 195;
    /// <summary><c>bpf_skc_to_mptcp_sock</c>.</summary>
    public const int SkcToMptcpSock = 196;
    /// <summary><c>bpf_dynptr_from_mem</c>.</summary>
    public const int DynptrFromMem = 197;
    /// <summary><c>bpf_ringbuf_reserve_dynptr</c>.</summary>
    public const int RingbufReserveDynptr = 198;
    /// <summary><c>bpf_ringbuf_submit_dynptr</c>.</summary>
    public const int RingbufSubmitDynptr = 199;
    /// <summary><c>bpf_ringbuf_discard_dynptr</c>.</summary>
    public const int RingbufDiscardDynptr = 200;
    /// <summary><c>bpf_dynptr_read</c>.</summary>
    public const int DynptrRead = 201;
    /// <summary><c>bpf_dynptr_write</c>.</summary>
    public const int DynptrWrite = 202;
    /// <summary><c>bpf_dynptr_data</c>.</summary>
    public const int DynptrData = 203;
    /// <summary><c>bpf_tcp_raw_gen_syncookie_ipv4</c>.</summary>
    public const int TcpRawGenSyncookieIpv4 = 204;
    /// <summary><c>bpf_tcp_raw_gen_syncookie_ipv6</c>.</summary>
    public const int TcpRawGenSyncookieIpv6 = 205;
    /// <summary><c>bpf_tcp_raw_check_syncookie_ipv4</c>.</summary>
    public const int TcpRawCheckSyncookieIpv4 = 206;
    /// <summary><c>bpf_tcp_raw_check_syncookie_ipv6</c>.</summary>
    public const int TcpRawCheckSyncookieIpv6 = 207;
    /// <summary><c>bpf_ktime_get_tai_ns</c>.</summary>
    public const int KtimeGetTaiNs = 208;
    /// <summary><c>bpf_user_ringbuf_drain</c>.</summary>
    public const int UserRingbufDrain = 209;
    /// <summary><c>bpf_cgrp_storage_get</c>.</summary>
    public const int CgrpStorageGet = 210;
    /// <summary><c>bpf_cgrp_storage_delete</c>.</summary>
    public const int CgrpStorageDelete = 211;
}
