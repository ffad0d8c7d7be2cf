using Ebpf.Core.Abi;
using static Ebpf.Core.Abi.HelperArgumentKind;

namespace Ebpf.Core.Tests.Abi;

/// <summary>A sample of prototypes against the kernel's <c>bpf_func_proto</c> definitions.</summary>
public sealed class HelperPrototypeTests
{
    private static HelperPrototype Helper(int id) => AbiTable.Linux.FindHelper(id) ?? throw new InvalidOperationException($"no helper {id}");

    private static void AssertArguments(HelperPrototype helper, params HelperArgumentKind[] kinds) =>
        Assert.Equal(kinds, helper.Arguments.Select(a => a.Kind));

    [Theory]
    [InlineData(HelperId.MapLookupElem, 1)]
    [InlineData(HelperId.MapUpdateElem, 2)]
    [InlineData(HelperId.MapDeleteElem, 3)]
    [InlineData(HelperId.KtimeGetNs, 5)]
    [InlineData(HelperId.TracePrintk, 6)]
    [InlineData(HelperId.GetPrandomU32, 7)]
    [InlineData(HelperId.GetSmpProcessorId, 8)]
    [InlineData(HelperId.TailCall, 12)]
    [InlineData(HelperId.GetCurrentPidTgid, 14)]
    [InlineData(HelperId.GetCurrentComm, 16)]
    [InlineData(HelperId.Redirect, 23)]
    [InlineData(HelperId.PerfEventOutput, 25)]
    [InlineData(HelperId.CsumDiff, 28)]
    [InlineData(HelperId.XdpAdjustHead, 44)]
    [InlineData(HelperId.RedirectMap, 51)]
    [InlineData(HelperId.XdpAdjustMeta, 54)]
    [InlineData(HelperId.XdpAdjustTail, 65)]
    [InlineData(HelperId.MapPushElem, 87)]
    [InlineData(HelperId.MapPopElem, 88)]
    [InlineData(HelperId.MapPeekElem, 89)]
    [InlineData(HelperId.ProbeReadKernel, 113)]
    [InlineData(HelperId.ProbeReadKernelStr, 115)]
    [InlineData(HelperId.Jiffies64, 118)]
    [InlineData(HelperId.KtimeGetBootNs, 125)]
    [InlineData(HelperId.RingbufOutput, 130)]
    [InlineData(HelperId.RingbufReserve, 131)]
    [InlineData(HelperId.RingbufSubmit, 132)]
    [InlineData(HelperId.RingbufDiscard, 133)]
    [InlineData(HelperId.RingbufQuery, 134)]
    [InlineData(HelperId.KtimeGetCoarseNs, 160)]
    [InlineData(HelperId.ForEachMapElem, 164)]
    [InlineData(HelperId.Snprintf, 165)]
    [InlineData(HelperId.Loop, 181)]
    [InlineData(HelperId.Strncmp, 182)]
    [InlineData(HelperId.MapLookupPercpuElem, 195)]
    [InlineData(HelperId.KtimeGetTaiNs, 208)]
    [InlineData(HelperId.CgrpStorageDelete, 211)]
    public void Helper_numbers_are_Linux_numbers(int constant, int linux) => Assert.Equal(linux, constant);

    [Fact]
    public void Map_lookup_takes_a_map_and_a_key_and_may_return_null()
    {
        var lookup = Helper(HelperId.MapLookupElem);
        Assert.Equal(HelperReturnKind.PointerToMapValueOrNull, lookup.Returns);
        AssertArguments(lookup, ConstMapPointer, PointerToMapKey);
        Assert.True(lookup.AcceptsPacketPointers);
        Assert.False(lookup.IsGplOnly);
    }

    [Fact]
    public void Map_update_takes_map_key_value_and_flags()
    {
        AssertArguments(Helper(HelperId.MapUpdateElem), ConstMapPointer, PointerToMapKey, PointerToMapValue, Anything);
        AssertArguments(Helper(HelperId.MapLookupPercpuElem), ConstMapPointer, PointerToMapKey, Anything);
    }

    [Fact]
    public void Pop_and_peek_fill_an_uninitialized_value()
    {
        AssertArguments(Helper(HelperId.MapPopElem), ConstMapPointer, PointerToUninitMapValue);
        AssertArguments(Helper(HelperId.MapPeekElem), ConstMapPointer, PointerToUninitMapValue);
        AssertArguments(Helper(HelperId.MapPushElem), ConstMapPointer, PointerToMapValue, Anything);
    }

    [Fact]
    public void Ring_buffer_reserve_returns_a_record_that_submit_and_discard_release()
    {
        var reserve = Helper(HelperId.RingbufReserve);
        Assert.Equal(HelperReturnKind.PointerToAllocMemoryOrNull, reserve.Returns);
        AssertArguments(reserve, ConstMapPointer, ConstAllocSizeOrZero, Anything);
        foreach (var id in new[] { HelperId.RingbufSubmit, HelperId.RingbufDiscard })
        {
            Assert.Equal(HelperReturnKind.Void, Helper(id).Returns);
            AssertArguments(Helper(id), PointerToAllocMemory, Anything);
        }

        AssertArguments(Helper(HelperId.RingbufOutput), ConstMapPointer, PointerToReadableMemory, ConstSizeOrZero, Anything);
    }

    [Fact]
    public void Tail_call_takes_the_context_a_program_array_and_an_index_and_returns_nothing()
    {
        var tailCall = Helper(HelperId.TailCall);
        Assert.Equal(HelperReturnKind.Void, tailCall.Returns);
        AssertArguments(tailCall, PointerToContext, ConstMapPointer, Anything);
    }

    [Fact]
    public void Csum_diff_takes_two_readable_buffers_that_may_be_null()
    {
        var csumDiff = Helper(HelperId.CsumDiff);
        AssertArguments(csumDiff, PointerToReadableMemory, ConstSizeOrZero, PointerToReadableMemory, ConstSizeOrZero, Anything);
        Assert.True(csumDiff.Arguments[0].MayBeNull);
        Assert.True(csumDiff.Arguments[2].MayBeNull);
        Assert.False(csumDiff.Arguments[1].MayBeNull);
    }

    [Fact]
    public void Callbacks_take_a_function_and_a_stack_context_that_may_be_null()
    {
        AssertArguments(Helper(HelperId.Loop), Anything, PointerToFunction, PointerToStack, Anything);
        AssertArguments(Helper(HelperId.ForEachMapElem), ConstMapPointer, PointerToFunction, PointerToStack, Anything);
        Assert.True(Helper(HelperId.Loop).Arguments[2].MayBeNull);
    }

    [Fact]
    public void Strings_formats_and_kernel_reads_follow_the_kernel()
    {
        AssertArguments(Helper(HelperId.Strncmp), PointerToReadableMemory, ConstSize, PointerToConstString);

        var snprintf = Helper(HelperId.Snprintf);
        AssertArguments(snprintf, PointerToWritableMemory, ConstSizeOrZero, PointerToConstString, PointerToReadableMemory, ConstSizeOrZero);
        Assert.True(snprintf.Arguments[0].MayBeNull);
        Assert.True(snprintf.IsGplOnly);

        var probeRead = Helper(HelperId.ProbeReadKernelStr);
        AssertArguments(probeRead, PointerToUninitMemory, ConstSizeOrZero, Anything);
        Assert.True(probeRead.IsGplOnly);

        AssertArguments(Helper(HelperId.GetCurrentComm), PointerToUninitMemory, ConstSize);
        AssertArguments(Helper(HelperId.TracePrintk), PointerToReadableMemory, ConstSize);
        AssertArguments(Helper(HelperId.PerfEventOutput), PointerToContext, ConstMapPointer, Anything, PointerToReadableMemory, ConstSizeOrZero);
    }

    [Fact]
    public void Xdp_adjustments_change_packet_data_and_redirects_do_not()
    {
        foreach (var id in new[] { HelperId.XdpAdjustHead, HelperId.XdpAdjustMeta, HelperId.XdpAdjustTail })
        {
            Assert.True(Helper(id).ChangesPacketData);
            AssertArguments(Helper(id), PointerToContext, Anything);
        }

        Assert.False(Helper(HelperId.Redirect).ChangesPacketData);
        AssertArguments(Helper(HelperId.RedirectMap), ConstMapPointer, Anything, Anything);
    }

    [Fact]
    public void Clock_helpers_take_no_arguments()
    {
        foreach (var id in new[] { HelperId.KtimeGetNs, HelperId.KtimeGetBootNs, HelperId.KtimeGetCoarseNs, HelperId.KtimeGetTaiNs, HelperId.Jiffies64 })
        {
            Assert.Empty(Helper(id).Arguments);
            Assert.Equal(HelperReturnKind.Integer, Helper(id).Returns);
        }
    }

    [Fact]
    public void Every_sized_pointer_is_followed_by_its_size_and_every_size_follows_a_pointer()
    {
        foreach (var helper in AbiTable.Linux.Helpers)
        {
            var arguments = helper.Arguments;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].IsSizedMemory)
                {
                    Assert.True(i + 1 < arguments.Length && arguments[i + 1].IsSize, $"{helper.Name}: argument {i + 1} has no size after it");
                }

                if (arguments[i].IsSize)
                {
                    Assert.True(i > 0 && arguments[i - 1].IsSizedMemory, $"{helper.Name}: argument {i + 1} sizes nothing");
                }
            }
        }
    }
}
