using Ebpf.Core.Abi;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>The helpers implemented so far, numbered as Linux numbers them (<see cref="HelperId"/>).</summary>
public static class LinuxHelpers
{
    /// <summary>Every implemented helper.</summary>
    public static HelperTable Table { get; } = HelperTable.Empty
        .With(HelperId.MapLookupElem, "map_lookup_elem", MapHelpers.Lookup)
        .With(HelperId.MapUpdateElem, "map_update_elem", MapHelpers.Update)
        .With(HelperId.MapDeleteElem, "map_delete_elem", MapHelpers.Delete)
        .With(HelperId.KtimeGetNs, "ktime_get_ns", TimeHelpers.KtimeNs)
        .With(HelperId.GetPrandomU32, "get_prandom_u32", TimeHelpers.PrandomU32)
        .With(HelperId.GetSmpProcessorId, "get_smp_processor_id", TimeHelpers.SmpProcessorId)
        .With(HelperId.GetCurrentPidTgid, "get_current_pid_tgid", TimeHelpers.CurrentPidTgid)
        .With(HelperId.GetCurrentUidGid, "get_current_uid_gid", TimeHelpers.CurrentUidGid)
        .With(HelperId.CsumDiff, "csum_diff", PacketHelpers.CsumDiff)
        .With(HelperId.XdpAdjustHead, "xdp_adjust_head", PacketHelpers.AdjustHead)
        .With(HelperId.XdpAdjustMeta, "xdp_adjust_meta", PacketHelpers.AdjustMeta)
        .With(HelperId.XdpAdjustTail, "xdp_adjust_tail", PacketHelpers.AdjustTail)
        .With(HelperId.Jiffies64, "jiffies64", TimeHelpers.Jiffies64)
        .With(HelperId.KtimeGetBootNs, "ktime_get_boot_ns", TimeHelpers.KtimeBootNs)
        .With(HelperId.XdpGetBuffLen, "xdp_get_buff_len", PacketHelpers.BuffLen)
        .With(HelperId.TailCall, "tail_call", ControlHelpers.TailCall)
        .With(HelperId.Loop, "loop", ControlHelpers.Loop)
        .With(HelperId.ForEachMapElem, "for_each_map_elem", ControlHelpers.ForEachMapElem)
        .With(HelperId.KtimeGetCoarseNs, "ktime_get_coarse_ns", TimeHelpers.KtimeCoarseNs)
        .With(HelperId.MapPushElem, "map_push_elem", MapHelpers.Push)
        .With(HelperId.MapPopElem, "map_pop_elem", MapHelpers.Pop)
        .With(HelperId.MapPeekElem, "map_peek_elem", MapHelpers.Peek)
        .With(HelperId.MapLookupPercpuElem, "map_lookup_percpu_elem", MapHelpers.LookupPercpu)
        .With(HelperId.RingbufOutput, "ringbuf_output", RingbufHelpers.Output)
        .With(HelperId.RingbufReserve, "ringbuf_reserve", RingbufHelpers.Reserve)
        .With(HelperId.RingbufSubmit, "ringbuf_submit", RingbufHelpers.Submit)
        .With(HelperId.RingbufDiscard, "ringbuf_discard", RingbufHelpers.Discard)
        .With(HelperId.RingbufQuery, "ringbuf_query", RingbufHelpers.Query)
        .With(HelperId.Strncmp, "strncmp", StringHelpers.Strncmp)
        .With(HelperId.TracePrintk, "trace_printk", PrintHelpers.TracePrintk)
        .With(HelperId.Snprintf, "snprintf", PrintHelpers.Snprintf)
        .With(HelperId.Redirect, "redirect", RedirectHelpers.Redirect)
        .With(HelperId.RedirectMap, "redirect_map", RedirectHelpers.RedirectMap)
        .With(HelperId.SkbStoreBytes, "skb_store_bytes", SkbHelpers.StoreBytes)
        .With(HelperId.L3CsumReplace, "l3_csum_replace", ChecksumHelpers.L3Replace)
        .With(HelperId.L4CsumReplace, "l4_csum_replace", ChecksumHelpers.L4Replace)
        .With(HelperId.SkbLoadBytes, "skb_load_bytes", SkbHelpers.LoadBytes)
        .With(HelperId.SkbChangeType, "skb_change_type", SkbHelpers.ChangeType)
        .With(HelperId.GetHashRecalc, "get_hash_recalc", SkbHelpers.HashRecalc)
        .With(HelperId.SkbPullData, "skb_pull_data", SkbHelpers.PullData)
        .With(HelperId.SetHashInvalid, "set_hash_invalid", SkbHelpers.SetHashInvalid)
        .With(HelperId.GetSocketCookie, "get_socket_cookie", SkbHelpers.SocketCookie)
        .With(HelperId.GetSocketUid, "get_socket_uid", SkbHelpers.SocketUid)
        .With(HelperId.SkbLoadBytesRelative, "skb_load_bytes_relative", SkbHelpers.LoadBytesRelative)
        .With(HelperId.XdpLoadBytes, "xdp_load_bytes", PacketHelpers.LoadBytes)
        .With(HelperId.XdpStoreBytes, "xdp_store_bytes", PacketHelpers.StoreBytes);
}
