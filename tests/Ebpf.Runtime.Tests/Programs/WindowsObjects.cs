using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Runtime.Tests.Native;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>The eBPF for Windows objects of testdata/windows, read in Windows' numbering and loaded on each engine, native code included.</summary>
internal static class WindowsObjects
{
    /// <summary>The interpreter, the JIT and native code (generated as C# and compiled in memory).</summary>
    public static TheoryData<EngineKind> Engines => [EngineKind.Interpreter, EngineKind.Jit, EngineKind.Native];

    public static string PathOf(string file) => Path.Combine(RepositoryPaths.TestData, "windows", file);

    public static LoadedObject Load(string file, EngineKind engine)
    {
        var spec = ObjectReader.ReadFile(PathOf(file), AbiPlatform.Windows);
        if (engine != EngineKind.Native)
        {
            return LoadedObject.Load(spec, new LoadOptions(engine));
        }

        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "Windows_" + Path.GetFileNameWithoutExtension(file)));
        return LoadedObject.Load(native, new LoadOptions(EngineKind.Native));
    }
}
