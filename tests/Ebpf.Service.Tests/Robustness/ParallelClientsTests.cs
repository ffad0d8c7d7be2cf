using Ebpf.Service.Contracts;
using Xunit.Abstractions;

namespace Ebpf.Service.Tests.Robustness;

/// <summary>Fifty clients at once, each on its own connection: loads, increments, and reads that must never see a torn value.</summary>
public sealed class ParallelClientsTests(ITestOutputHelper log)
{
    private const int Clients = 50;
    private const int Rounds = 10;

    [Fact]
    public async Task Fifty_clients_loading_incrementing_and_reading_lose_no_update_and_see_no_torn_value()
    {
        var seed = Environment.TickCount;
        log.WriteLine($"seed {seed}");
        await using var service = await TestService.StartAsync();
        using var setup = service.Connect();
        var map = await setup.CreateMapAsync(new CreateMapRequest("counters", "hash", 4, 8, Clients));
        await setup.PinAsync(new PinRequest(Objects.PinPath("counters"), PinInfo.MapKind, map.Id)); // journaled: every update is on disk first
        var torn = 0;

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed + client);
            using var host = service.Connect();
            var key = Objects.U32((uint)client);
            if (client % 10 == 0)
            {
                await host.LoadAsync(Objects.Load(Objects.CountDrop));
            }

            for (var round = 0; round < Rounds; round++)
            {
                // Only this client writes its key, so read-increment-write must never lose a step.
                var current = round == 0 ? new byte[8] : await host.LookupAsync(map.Id, key);
                var next = (byte)(current[0] + 1);
                await host.UpdateAsync(map.Id, new MapUpdateRequest(key, Enumerable.Repeat(next, 8).ToArray()));
                try
                {
                    var other = await host.LookupAsync(map.Id, Objects.U32((uint)random.Next(Clients)));
                    if (other.Any(b => b != other[0]))
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
                catch (Core.Diagnostics.DiagnosticException)
                {
                    // That client has not written its key yet.
                }
            }
        })));

        var entries = await setup.DumpAsync(map.Id);
        Assert.Equal(0, torn);
        Assert.Equal(Clients, entries.Length);
        Assert.All(entries, e => Assert.Equal(Enumerable.Repeat((byte)Rounds, 8), e.Value));
        Assert.Equal(Clients / 10, (await setup.ProgramsAsync()).Length);
    }
}
