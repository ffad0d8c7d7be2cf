using Ebpf.Core.Abi;

namespace Ebpf.Core.Tests.Abi;

public sealed class KernelLayoutTests
{
    [KernelHeaderFact]
    public void Context_layouts_equal_the_kernel_headers()
    {
        var header = AbiHeaderProbe.Current;
        var problems = new List<string>();
        foreach (var type in AbiTable.Linux.ProgramTypes.Where(t => !t.Context.IsMemoryBlock && t.Context.HasHeaderType))
        {
            var context = type.Context;
            var tag = context.TypeName.Replace("struct ", "", StringComparison.Ordinal);
            if (!header.StructSizes.TryGetValue(tag, out var size))
            {
                problems.Add($"abi_probe.c does not print STRUCT({tag})");
            }
            else if (size != (context.SizeInHeader ?? context.Size))
            {
                problems.Add($"sizeof(struct {tag}) is {size}, the table says {context.SizeInHeader ?? context.Size}");
            }

            foreach (var field in context.Fields)
            {
                if (!header.Fields.TryGetValue((tag, field.Name), out var actual))
                {
                    problems.Add($"abi_probe.c does not print FIELD({tag}, {field.Name})");
                }
                else if (actual != (field.Offset, SizeInHeader(context, field)))
                {
                    problems.Add($"{tag}.{field.Name} is at {actual.Offset} with size {actual.Size}, the table says {field.Offset} and {SizeInHeader(context, field)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>A trailing flexible array is as long as the table lets programs read, and 0 bytes in C.</summary>
    private static int SizeInHeader(ContextLayout context, ContextField field) =>
        context.SizeInHeader is { } declared && field.End == context.Size ? field.Size - (context.Size - declared) : field.Size;

    [KernelHeaderFact]
    public void Every_member_the_probe_prints_is_described()
    {
        var described = AbiTable.Linux.ProgramTypes
            .SelectMany(t => t.Context.Fields.Select(f => (t.Context.TypeName.Replace("struct ", "", StringComparison.Ordinal), f.Name)))
            .ToHashSet();
        var missing = AbiHeaderProbe.Current.Fields.Keys.Where(k => !described.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in any context layout: " + string.Join(", ", missing));
    }
}
