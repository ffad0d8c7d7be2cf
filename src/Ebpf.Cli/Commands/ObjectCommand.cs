using System.CommandLine;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Spectre.Console;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf object show OBJ [--json]</c>: what an object holds, before anything is loaded.</summary>
internal static class ObjectCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object (clang -O2 -g -target bpf -c)." };
        var json = new Option<bool>("--json", "-j") { Description = "Print JSON instead of tables." };
        var show = new Command("show", "List the programs, maps, global data and license of an object.") { path, json };
        show.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var spec = ObjectInput.Load(parse.GetValue(path)!);
            if (parse.GetValue(json))
            {
                Output.WriteJson(output, Describe(spec));
            }
            else
            {
                Print(Output.Console(output), spec);
            }

            return EbpfCommand.Success;
        }));
        return new Command("object", "Inspect object files.") { show };
    }

    private static void Print(IAnsiConsole console, ObjectSpec spec)
    {
        console.WriteLine($"object {spec.Name}: license \"{spec.License}\"{(spec.KernelVersion is { } v ? $", kernel version 0x{v:x}" : "")}");
        var programs = Output.Table("programs", "name", "section", "type", "attach type", "instructions", "sub-programs");
        foreach (var program in spec.Programs)
        {
            programs.AddCells(program.Name, program.SectionName, Names.TypeOf(program), Names.AttachTypeOf(program) ?? "-",
                program.Instructions.Length, string.Join(", ", program.Functions.Skip(1).Select(f => f.Name)));
        }

        console.Write(programs);
        var maps = Output.Table("maps", "name", "type", "key", "value", "max entries", "flags", "from");
        foreach (var map in spec.Maps)
        {
            maps.AddCells(map.Name, Names.Of(map.Type), TypeText(map.KeySize, map.KeyTypeName), TypeText(map.ValueSize, map.ValueTypeName),
                map.MaxEntries, map.Flags == MapFlags.None ? "-" : map.Flags.ToString(), Names.Of(map.Origin));
        }

        console.Write(maps);
        foreach (var warning in spec.Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }
    }

    private static string TypeText(uint size, string? type) => type is null ? $"{size}B" : $"{size}B ({type})";

    private static object Describe(ObjectSpec spec) => new
    {
        spec.Name,
        spec.License,
        spec.KernelVersion,
        Programs = spec.Programs.Select(p => new
        {
            p.Name,
            Section = p.SectionName,
            Type = Names.TypeOf(p),
            AttachType = Names.AttachTypeOf(p),
            p.AttachTarget,
            Instructions = p.Instructions.Length,
            Functions = p.Functions.Select(f => new { f.Name, f.Start, f.Length }),
        }),
        Maps = spec.Maps.Select(Describe),
        Warnings = spec.Warnings.Select(w => w.ToString()),
    };

    private static object Describe(MapSpec map) => new
    {
        map.Name,
        Type = Names.Of(map.Type),
        map.KeySize,
        map.ValueSize,
        map.MaxEntries,
        Flags = (uint)map.Flags,
        Origin = Names.Of(map.Origin),
        Section = map.SectionName,
        KeyType = map.KeyTypeName,
        ValueType = map.ValueTypeName,
        Pinning = Names.Of(map.Pinning),
        InnerMap = map.InnerMap is { } inner ? Describe(inner) : null,
        InitialSlots = map.InitialSlots.Count == 0 ? null : map.InitialSlots,
        InitialValueSize = map.InitialValue.IsEmpty ? (int?)null : map.InitialValue.Length,
    };
}
