using System.Reflection.Emit;
using System.Text;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Compiles a decoded program to one <see cref="DynamicMethod"/> per function: the entry, every local call
/// target and every function whose address the program takes (callbacks). Each method holds the
/// instructions reachable from its entry without calls, so the compiled code follows the same paths as
/// the interpreter even through unusual control flow.
/// </summary>
internal sealed class JitCompiler
{
    private static readonly Type[] Parameters =
    [
        typeof(JitConstants), typeof(ulong), typeof(ulong), typeof(JitState).MakeByRefType(),
        typeof(ulong), typeof(ulong), typeof(ulong), typeof(ulong),
    ];

    private readonly List<object> _constants = [];

    public JitCompiler(DecodedProgram program, HelperTable helpers, ExecutionOptions options, bool recordListing)
    {
        Program = program;
        Helpers = helpers;
        Options = options;
        Listing = recordListing ? new StringBuilder() : null;
    }

    public DecodedProgram Program { get; }

    public HelperTable Helpers { get; }

    public ExecutionOptions Options { get; }

    public StringBuilder? Listing { get; }

    /// <summary>The method of each function, by the slot it starts at.</summary>
    public Dictionary<int, DynamicMethod> Functions { get; } = [];

    /// <summary>Compiles every function; returns the delegates by starting slot.</summary>
    public JitEntry?[] Compile()
    {
        foreach (var entry in FindEntries())
        {
            Functions[entry] = new DynamicMethod($"ebpf_{entry}", typeof(ulong), Parameters, typeof(JitProgram).Module, skipVisibility: true);
        }

        foreach (var (entry, method) in Functions.OrderBy(f => f.Key))
        {
            Listing?.Append(Listing.Length == 0 ? "" : "\n").Append("function ").Append(method.Name).AppendLine(":");
            new FunctionEmitter(this, entry, new IlRecorder(method.GetILGenerator(), Listing)).Emit();
        }

        var constants = new JitConstants { Values = [.. _constants] };
        var entries = new JitEntry?[Program.Count];
        foreach (var (entry, method) in Functions)
        {
            entries[entry] = (JitEntry)method.CreateDelegate(typeof(JitEntry), constants);
        }

        return entries;
    }

    /// <summary>The index under which compiled code finds <paramref name="value"/>.</summary>
    public int AddConstant(object value)
    {
        var index = _constants.IndexOf(value);
        if (index < 0)
        {
            index = _constants.Count;
            _constants.Add(value);
        }

        return index;
    }

    /// <summary>The slot a code-address <c>lddw</c> at <paramref name="index"/> points to, or -1 when it is not an instruction.</summary>
    public int CodeAddressTarget(int index)
    {
        var target = index + 1 + Program.Slots[index].Immediate;
        return target >= 0 && target < Program.Count && Program.FormAt(target) is not null ? target : -1;
    }

    private SortedSet<int> FindEntries()
    {
        var entries = new SortedSet<int> { 0 };
        for (var i = 0; i < Program.Count; i++)
        {
            switch (Program.FormAt(i))
            {
                case { Operation: Operation.CallLocal }:
                    entries.Add(Program.TargetOf(i));
                    break;
                case { Operation: Operation.LoadImm64 } when (LoadImm64Source)Program.Slots[i].Source == LoadImm64Source.CodeAddress
                    && CodeAddressTarget(i) is >= 0 and var target:
                    entries.Add(target);
                    break;
            }
        }

        return entries;
    }

    /// <summary>The address a code-address <c>lddw</c> loads: the same token the interpreter uses.</summary>
    public static ulong FunctionAddress(int slot) => Interpreter.FunctionAddressBase + (ulong)slot;
}
