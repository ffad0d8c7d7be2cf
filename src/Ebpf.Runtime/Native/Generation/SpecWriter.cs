using System.Buffers.Binary;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Elf;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>
/// Writes an object's specs as C# (the generated metadata, as bpf2c describes maps and programs): map definitions with
/// their initial data and slots, programs with their instructions, so the host needs neither the ELF file nor its reader.
/// BTF is left out: loading native code neither verifies nor relocates against it.
/// </summary>
internal static class SpecWriter
{
    public static void Write(StringBuilder text, ObjectSpec spec)
    {
        text.Append("    /// <inheritdoc />\n    protected override ObjectSpec CreateSpec() => new(\n");
        text.Append($"        Name: {Literals.String(spec.Name)},\n        License: {Literals.String(spec.License)},\n");
        text.Append($"        KernelVersion: {(spec.KernelVersion is { } version ? Literals.U32(version) : "null")},\n");
        text.Append("        Programs:\n        [\n");
        foreach (var program in spec.Programs)
        {
            WriteProgram(text, program);
        }

        text.Append("        ],\n        Maps:\n        [\n");
        foreach (var map in spec.Maps)
        {
            text.Append("            ");
            WriteMap(text, map, 3);
            text.Append(",\n");
        }

        text.Append("        ],\n        Warnings: []);\n\n");
    }

    private static void WriteProgram(StringBuilder text, ProgramSpec program)
    {
        var attach = program.ExpectedAttachType is { } type ? Enum(type) : "null";
        text.Append($"            new ProgramSpec({Literals.String(program.Name)}, {Literals.String(program.SectionName)}, {Enum(program.Type)}, {attach}, {Literals.String(program.AttachTarget)},\n");
        text.Append("                Code(");
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < program.Instructions.Length; i++)
        {
            program.Instructions[i].Write(bytes);
            text.Append(i % 4 == 0 ? "\n                    " : " ").Append($"0x{BinaryPrimitives.ReadUInt64LittleEndian(bytes):X16}UL").Append(i + 1 < program.Instructions.Length ? "," : "");
        }

        text.Append("),\n                [");
        text.AppendJoin(", ", program.Functions.Select(f => $"new FunctionSpan({Literals.String(f.Name)}, {f.Start}, {f.Length})"));
        // Another platform's program keeps its numbering (its type and helper numbers mean nothing in Linux's).
        var platform = program.Platform == AbiPlatform.Linux ? "" : $" {{ Platform = {Enum(program.Platform)} }}";
        text.Append($"],\n                NoLines({program.Instructions.Length})){platform},\n");
    }

    private static void WriteMap(StringBuilder text, MapSpec map, int depth)
    {
        var indent = new string(' ', (depth + 1) * 4);
        text.Append($"new MapSpec({Literals.String(map.Name)}, {Enum(map.Type)}, {map.KeySize}, {map.ValueSize}, {map.MaxEntries}, (MapFlags){Literals.U32((uint)map.Flags)})\n");
        text.Append(new string(' ', depth * 4)).Append("{\n");
        void Property(string name, string value) => text.Append($"{indent}{name} = {value},\n");
        Property("Origin", Enum(map.Origin));
        Property("SectionName", Literals.String(map.SectionName));
        Property("Pinning", Enum(map.Pinning));
        if (map.InnerMap is { } inner)
        {
            text.Append($"{indent}InnerMap = ");
            WriteMap(text, inner, depth + 1);
            text.Append(",\n");
        }

        Property("KeyTypeName", Literals.String(map.KeyTypeName));
        Property("ValueTypeName", Literals.String(map.ValueTypeName));
        Property("NumaNode", Literals.U32(map.NumaNode));
        Property("MapExtra", Literals.U64(map.MapExtra));
        if (!map.InitialValue.IsDefaultOrEmpty)
        {
            text.Append($"{indent}InitialValue =\n{indent}[");
            for (var i = 0; i < map.InitialValue.Length; i++)
            {
                text.Append(i % 16 == 0 ? $"\n{indent}    " : " ").Append($"0x{map.InitialValue[i]:X2}").Append(i + 1 < map.InitialValue.Length ? "," : "");
            }

            text.Append($"\n{indent}],\n");
        }

        if (map.InitialSlots.Count > 0)
        {
            var slots = string.Join(", ", map.InitialSlots.Select(s => $"[{s.Key}U] = {Literals.String(s.Value)}"));
            Property("InitialSlots", $"new Dictionary<uint, string> {{ {slots} }}.ToImmutableSortedDictionary()");
        }

        text.Append(new string(' ', depth * 4)).Append('}');
    }

    /// <summary>An enum value by its name where it has one, else as a cast number.</summary>
    private static string Enum<T>(T value)
        where T : struct, System.Enum =>
        System.Enum.IsDefined(value) ? $"{typeof(T).Name}.{value}" : $"({typeof(T).Name}){Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}";
}
