using System.Text;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>
/// Writes an object as C#: one file holding a <see cref="NativeObject"/> subclass with the object's maps and programs as
/// specs (generated metadata) and every program's functions as static methods (see <c>docs/native.md</c>). The writer
/// trusts its caller on <see cref="NativeWriterOptions.Verified"/>: <c>ebpf compile</c> verifies first.
/// </summary>
public static class NativeObjectWriter
{
    /// <summary>Writes <paramref name="spec"/> as C#.</summary>
    /// <param name="spec">The object.</param>
    /// <param name="options">Namespace, type name, whether it was verified, the object's hash.</param>
    /// <exception cref="DiagnosticException">A program does not decode (EBPF1xxx).</exception>
    public static string Write(ObjectSpec spec, NativeWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var className = options.ClassName ?? Literals.TypeName(spec.Name);
        var text = new StringBuilder();
        WriteHeader(text, spec, options);
        text.Append($"namespace {options.Namespace};\n\n");
        text.Append($"/// <summary>The eBPF object '{Escape(spec.Name)}' compiled ahead of time: load it with <c>new {className}().Load()</c> or <c>BpfObject.OpenNative&lt;{className}&gt;()</c>.</summary>\n");
        text.Append($"[global::System.CodeDom.Compiler.GeneratedCode(\"ebpf compile\", \"{options.GeneratorVersion}\")]\n");
        text.Append($"public sealed unsafe class {className} : NativeObject\n{{\n");
        text.Append($"    /// <inheritdoc />\n    public override string ObjectSha256 => {Literals.String(options.ObjectSha256)};\n\n");
        text.Append($"    /// <inheritdoc />\n    public override string GeneratorVersion => {Literals.String(options.GeneratorVersion)};\n\n");
        text.Append($"    /// <inheritdoc />\n    public override bool IsVerified => {(options.Verified ? "true" : "false")};\n\n");
        SpecWriter.Write(text, spec);
        var methods = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal);
        text.Append("    /// <inheritdoc />\n    protected override IEnumerable<NativeProgram> CreatePrograms() =>\n    [\n");
        foreach (var program in spec.Programs)
        {
            var code = Decode(program);
            var prefix = Unique(used, Literals.Identifier(program.Name));
            string MethodOf(int slot) => $"{prefix}_{slot}";
            var entries = Entries(code);
            var maps = new MapCallWriter(spec.Maps, program.Abi, options.Verified);
            text.Append($"        new NativeProgram({Literals.String(program.Name)}, {code.Count}, new Dictionary<int, JitEntry>\n        {{\n");
            foreach (var entry in entries)
            {
                text.Append($"            [{entry}] = {MethodOf(entry)},\n");
                var function = program.Functions.FirstOrDefault(f => f.Start == entry)?.Name;
                var summary = $"Program '{Escape(program.Name)}', " + (entry == 0 ? "its entry" : $"function {Escape(function ?? "")} at slot {entry}") + ".";
                methods.Append('\n');
                new FunctionWriter(code, entry, MethodOf, maps, !options.Verified, methods,
                    i => i < program.Lines.Length ? program.Lines[i] : null).Write(summary);
            }

            text.Append("        })");
            maps.WriteInitializer(text);
            text.Append(",\n");
        }

        text.Append("    ];\n");
        text.Append(methods);
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The type name a file for <paramref name="spec"/> gets when none is given: <c>xdp_count</c> → <c>XdpCount</c>.</summary>
    /// <param name="spec">The object.</param>
    public static string TypeNameOf(ObjectSpec spec) => Literals.TypeName(spec.Name);

    /// <summary>The slots functions start at: the entry, every local-call target, every function whose address is taken (the JIT's <c>FindEntries</c>).</summary>
    internal static SortedSet<int> Entries(DecodedProgram program)
    {
        var entries = new SortedSet<int> { 0 };
        for (var i = 0; i < program.Count; i++)
        {
            switch (program.FormAt(i))
            {
                case { Operation: Operation.CallLocal }:
                    entries.Add(program.TargetOf(i));
                    break;
                case { Operation: Operation.LoadImm64 } when (LoadImm64Source)program.Slots[i].Source == LoadImm64Source.CodeAddress:
                    var target = i + 1 + program.Slots[i].Immediate;
                    if (target >= 0 && target < program.Count && program.FormAt(target) is not null)
                    {
                        entries.Add(target);
                    }

                    break;
            }
        }

        return entries;
    }

    private static DecodedProgram Decode(ProgramSpec program) =>
        ProgramDecoder.TryDecode(Instruction.ToBytes(program.Instructions.AsSpan()), out var code, out var diagnostics)
            ? code!
            : throw new DiagnosticException([.. diagnostics.Select(d => d with { Location = d.Location with { Program = program.Name } })]);

    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name}{n}";
        }

        return candidate;
    }

    private static void WriteHeader(StringBuilder text, ObjectSpec spec, NativeWriterOptions options)
    {
        text.Append("// <auto-generated>\n");
        text.Append($"//   Generated by 'ebpf compile' {options.GeneratorVersion} from {options.SourceName ?? spec.Name}\n");
        text.Append($"//   (SHA-256 {options.ObjectSha256}). Do not edit: regenerate it from the object.\n");
        text.Append(options.Verified
            ? "//   The verifier accepted every program when this file was generated: the code below runs unchecked.\n"
            : "//   WARNING: generated with --unverified. Nothing proved these programs safe; they load in the checked interpreter.\n");
        text.Append("// </auto-generated>\n");
        text.Append("#nullable enable\n");
        text.Append("#pragma warning disable CS0105, CS0162, CS0164, CS0168, CS0219, CS1591, CS1717, CS1718 // unreachable code and unused labels follow the program's own shape\n");
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Buffers.Binary;\nusing System.Collections.Immutable;\nusing Ebpf.Core.Abi;\nusing Ebpf.Core.Diagnostics;\n");
        text.Append("using Ebpf.Core.Specs;\nusing Ebpf.Elf;\nusing Ebpf.Runtime.Compilation;\nusing Ebpf.Runtime.Native;\n\n");
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    internal static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
