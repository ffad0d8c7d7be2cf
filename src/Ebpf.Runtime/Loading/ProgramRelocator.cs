using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Loading;

/// <summary>
/// Turns a program's map references into addresses, as the kernel turns them into map pointers: a
/// map-by-index <c>lddw</c> loads the map's handle, a map-value-by-index <c>lddw</c> the address of the
/// value plus its offset. Code-address references stay for the engine to resolve.
/// </summary>
internal static unsafe class ProgramRelocator
{
    public static ImmutableArray<Instruction> Relocate(ProgramSpec program, IReadOnlyList<BpfMap> maps)
    {
        var code = program.Instructions.ToArray();
        for (var i = 0; i + 1 < code.Length; i++)
        {
            if (code[i].Opcode != 0x18)
            {
                continue;
            }

            var source = (LoadImm64Source)code[i].Source;
            if (source is LoadImm64Source.MapByIndex or LoadImm64Source.MapValueByIndex)
            {
                var index = code[i].Immediate;
                if ((uint)index >= (uint)maps.Count)
                {
                    throw Refuse(program, i, $"refers to map {index}, but the object has {maps.Count}");
                }

                var address = source == LoadImm64Source.MapByIndex ? maps[index].Handle : ValueAddress(program, i, maps[index], (uint)code[i + 1].Immediate);
                code[i] = code[i] with { Source = 0, Immediate = (int)(uint)address };
                code[i + 1] = code[i + 1] with { Immediate = (int)(uint)(address >> 32) };
            }

            i++;
        }

        return [.. code];
    }

    private static ulong ValueAddress(ProgramSpec program, int index, BpfMap map, uint offset)
    {
        uint key = 0;
        var value = map.LookupElement((byte*)&key);
        if (value == 0 || offset >= map.ValueSize)
        {
            throw Refuse(program, index, $"points {offset} bytes into the value of map '{map.Name}', which has {map.ValueSize}");
        }

        return value + offset;
    }

    private static DiagnosticException Refuse(ProgramSpec program, int index, string message) =>
        new([new Diagnostic(DiagnosticCode.MalformedRelocation, $"instruction {index} {message}", new DiagnosticLocation(Program: program.Name, InstructionIndex: index))]);
}
