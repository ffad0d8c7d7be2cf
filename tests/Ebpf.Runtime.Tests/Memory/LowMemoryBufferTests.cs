using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Tests.Memory;

public sealed class LowMemoryBufferTests
{
    [Fact]
    public void Packets_live_below_four_gigabytes_and_start_zeroed()
    {
        using var buffers = new DisposableList();
        for (var i = 0; i < 16; i++)
        {
            var buffer = buffers.Add(LowMemoryBuffer.Allocate(9000));
            Assert.True(buffer.Address + (ulong)buffer.Length <= uint.MaxValue, $"0x{buffer.Address:x}");
            Assert.All(buffer.Span.ToArray(), b => Assert.Equal(0, b));
            buffer.Span.Fill(0xab);
        }
    }

    [Fact]
    public void A_disposed_buffer_refuses_access() =>
        Assert.Throws<ObjectDisposedException>(() =>
        {
            var buffer = LowMemoryBuffer.Allocate(64);
            buffer.Dispose();
            return buffer.Address;
        });

    private sealed class DisposableList : IDisposable
    {
        private readonly List<LowMemoryBuffer> _items = [];

        public LowMemoryBuffer Add(LowMemoryBuffer item)
        {
            _items.Add(item);
            return item;
        }

        public void Dispose() => _items.ForEach(i => i.Dispose());
    }
}
