using System.Buffers.Binary;
using System.Collections.Immutable;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Interpretation;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>Runs programs that call the Linux helpers: testdata objects through test runs, and assembled programs.</summary>
internal static class HelperRuns
{
    /// <summary>A 64-byte packet for XDP test runs.</summary>
    public static byte[] Packet { get; } = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    public static string ObjectPath(string name) => Path.Combine(RepositoryPaths.TestData, "bpf", name + ".o");

    /// <summary>Loads testdata/bpf/<paramref name="name"/>.o.</summary>
    public static LoadedObject Load(string name, EngineKind engine = EngineKind.Interpreter, bool isChecked = true) =>
        LoadedObject.Load(ObjectReader.ReadFile(ObjectPath(name)), new LoadOptions(engine, ExecutionOptions.Default with { Checked = isChecked }));

    /// <summary>Test-runs the object's only program on <see cref="Packet"/> and asserts it ran to the end.</summary>
    public static TestRunResult RunOnce(LoadedObject loaded)
    {
        var result = Assert.Single(loaded.Programs).TestRun(new TestRunOptions(Packet));
        Assert.Null(result.Fault);
        return result;
    }

    /// <summary>The s64 at the start of the value of array element <paramref name="index"/>.</summary>
    public static long S64(BpfMap map, uint index)
    {
        var value = new byte[map.UserValueSize];
        Assert.Equal(MapError.None, map.Lookup(BitConverter.GetBytes(index), value));
        return BinaryPrimitives.ReadInt64LittleEndian(value);
    }

    /// <summary>The bytes of array element <paramref name="index"/>'s value from <paramref name="offset"/> up to the first NUL.</summary>
    public static byte[] CString(BpfMap map, uint index, int offset)
    {
        var value = new byte[map.UserValueSize];
        Assert.Equal(MapError.None, map.Lookup(BitConverter.GetBytes(index), value));
        var text = value.AsSpan(offset);
        var end = text.IndexOf((byte)0);
        return text[..(end < 0 ? text.Length : end)].ToArray();
    }

    /// <summary>
    /// Runs an assembled program with the Linux helpers on every engine (asserting they agree): r1 points to a copy
    /// of <paramref name="memory"/>, r2 holds its length, and the maps' memory is the program's too. Returns the
    /// result and the memory as the program left it.
    /// </summary>
    /// <remarks>Programs with effects beyond their memory (maps, the trace pipe) pass <paramref name="engine"/> to run once, on that engine.</remarks>
    public static (ExecutionResult Result, byte[] Memory) Run(string assembly, byte[]? memory = null, IEnumerable<BpfMap>? maps = null, bool isChecked = true, object? environment = null, EngineKind? engine = null)
    {
        var program = ProgramRunner.Decode(assembly);
        var mapRegions = (maps ?? []).SelectMany(m => m.Regions).ToImmutableArray();
        (ExecutionResult Result, byte[] Memory)? reference = null;
        foreach (var candidate in engine is { } only ? [only] : Engines.Available)
        {
            if (!Engines.Checks(candidate) && reference?.Result.Fault is { } unsafeRun && Engines.IsCheckedOnly(unsafeRun.Code))
            {
                // Unchecked engines run only safe programs: the checked interpreter (first) found this one unsafe.
                continue;
            }

            using var buffer = new NativeBuffer(memory ?? new byte[64]);
            var request = ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
            request = request with { Regions = request.Regions.AddRange(mapRegions), Environment = environment };
            var result = Engines.Prepare(candidate, program, LinuxHelpers.Table, ExecutionOptions.Default with { Checked = isChecked }).Run(request);
            if (reference is { } expected)
            {
                Assert.Equal(expected.Result.ReturnValue, result.ReturnValue);
                Assert.Equal(expected.Result.Fault?.Code, result.Fault?.Code);
            }

            reference ??= (result, buffer.Span.ToArray());
        }

        return reference!.Value;
    }

    /// <summary><see cref="Run"/>, asserting success: r0.</summary>
    public static ulong Returns(string assembly, byte[]? memory = null, IEnumerable<BpfMap>? maps = null, bool isChecked = true, EngineKind? engine = null)
    {
        var (result, _) = Run(assembly, memory, maps, isChecked, engine: engine);
        Assert.True(result.Succeeded, result.Fault?.ToString());
        return result.ReturnValue;
    }

    /// <summary>An <c>lddw</c> of a map's handle into r1, as a relocated map reference.</summary>
    public static string LoadMap(BpfMap map, int register = 1) => $"lddw %r{register}, 0x{map.Handle:x}";
}
