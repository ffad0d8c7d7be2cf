using System.Reflection;
using System.Runtime.Loader;
using Ebpf.Elf;
using Ebpf.Runtime.Native;
using Ebpf.Runtime.Native.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ebpf.Runtime.Tests.Native;

/// <summary>
/// Compiles what <see cref="NativeObjectWriter"/> writes, in memory, as a host project would: Roslyn, warnings as
/// errors, nullable on, against the assemblies this test runs with. Tests only: the product never references Roslyn.
/// </summary>
internal static class GeneratedCode
{
    /// <summary>Generates C# for <paramref name="spec"/>, compiles it and returns an instance of the generated type.</summary>
    public static NativeObject Load(ObjectSpec spec, NativeWriterOptions options)
    {
        var source = NativeObjectWriter.Write(spec, options);
        var assembly = Compile(options.ClassName ?? spec.Name, source);
        var type = assembly.GetTypes().Single(t => t.IsSubclassOf(typeof(NativeObject)));
        return (NativeObject)Activator.CreateInstance(type)!;
    }

    /// <summary>Compiles <paramref name="sources"/> to an assembly loaded in its own context; fails the test with the compiler's errors.</summary>
    public static Assembly Compile(string name, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, parse));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error);
        var compilation = CSharpCompilation.Create("Generated_" + Guid.NewGuid().ToString("N"), trees, references, options);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success, $"the generated C# of {name} does not compile:\n" + string.Join('\n', errors));
        image.Position = 0;
        return new AssemblyLoadContext(name, isCollectible: false).LoadFromStream(image);
    }
}
