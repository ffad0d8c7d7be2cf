using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Which instructions make up one eBPF function, shared by the JIT's IL emitter and the native C# writer so that both
/// compile exactly the same code.
/// </summary>
internal static class FunctionLayout
{
    /// <summary>The instructions reachable from <paramref name="entry"/> without following calls, in slot order.</summary>
    public static int[] Reachable(DecodedProgram program, int entry)
    {
        var seen = new HashSet<int>();
        var work = new Stack<int>();
        work.Push(entry);
        while (work.Count > 0)
        {
            var index = work.Pop();
            if (index >= program.Count || !seen.Add(index))
            {
                continue;
            }

            var form = program.FormAt(index)!;
            if (form.Kind == OperationKind.Jump)
            {
                work.Push(program.TargetOf(index));
                if (form.Operation == Operation.Ja)
                {
                    continue;
                }
            }

            if (form.Kind != OperationKind.Exit && form.Operation != Operation.CallKfunc)
            {
                work.Push(index + form.SlotCount);
            }
        }

        var order = seen.ToArray();
        Array.Sort(order);
        return order;
    }
}
