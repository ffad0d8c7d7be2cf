using System.Text;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>
/// Writes one eBPF function as a static C# method of the <see cref="Compilation.JitEntry"/> shape: registers are locals,
/// jumps <c>goto</c>s between labels, loads and stores plain pointer accesses (the JIT's verified path), and every
/// instruction is preceded by its disassembly. The function holds the instructions reachable from its entry without
/// following calls, in slot order, exactly as the JIT compiles one <c>DynamicMethod</c>.
/// </summary>
internal sealed partial class FunctionWriter
{
    private const int FrameSize = Execution.ExecutionOptions.StackFrameSize;

    private readonly DecodedProgram _program;
    private readonly int _entry;
    private readonly Func<int, string> _methodOf;
    private readonly MapCallWriter _maps;

    /// <summary>
    /// The map and the slot of its <c>lddw</c> each register is known to hold at the current instruction (within a
    /// block, as the JIT tracks map handles), for map helper calls written without the helper.
    /// </summary>
    private readonly (int Map, int Slot)?[] _knownMaps = new (int, int)?[11];
    private readonly bool _zeroFrame;
    private readonly StringBuilder _out;
    private readonly Func<int, Core.Specs.SourceLine?> _lineOf;

    /// <param name="program">The program, as in the object (map references not yet resolved).</param>
    /// <param name="entry">The slot the function starts at.</param>
    /// <param name="methodOf">The method name of the function starting at a slot.</param>
    /// <param name="maps">The object's maps: their names for comments, and map helper calls on a known map.</param>
    /// <param name="zeroFrame">Zero the frame on entry (unverified programs), as the JIT and the interpreter do.</param>
    /// <param name="output">Where the method goes.</param>
    /// <param name="lineOf">The C source line of a slot (BTF line info), written as a comment where it changes.</param>
    public FunctionWriter(DecodedProgram program, int entry, Func<int, string> methodOf, MapCallWriter maps, bool zeroFrame, StringBuilder output, Func<int, Core.Specs.SourceLine?> lineOf)
    {
        _lineOf = lineOf;
        _program = program;
        _entry = entry;
        _methodOf = methodOf;
        _maps = maps;
        _zeroFrame = zeroFrame;
        _out = output;
    }

    /// <summary>Writes the method, indented for a class body.</summary>
    public void Write(string summary)
    {
        var order = Reachable();
        var labels = Labels(order);
        Line(1, $"/// <summary>{summary}</summary>");
        Line(1, $"private static ulong {_methodOf(_entry)}(ulong r1, ulong r10, ref JitState state, ulong r2, ulong r3, ulong r4, ulong r5)");
        Line(1, "{");
        Line(2, "ulong r0 = 0, r6 = 0, r7 = 0, r8 = 0, r9 = 0;");
        if (order.Any(i => _program.FormAt(i) is { Operation: Operation.LoadImm64 } && (LoadImm64Source)_program.Slots[i].Source is LoadImm64Source.MapByIndex or LoadImm64Source.MapValueByIndex))
        {
            // Map references are known once loaded: read where they are once, then each is one load.
            Line(2, "ref ulong relocated = ref NativeRuntime.Relocations(ref state);");
        }

        Line(2, "unchecked");
        Line(2, "{");
        if (_zeroFrame)
        {
            Line(3, $"// Unverified: the frame starts zeroed, as in the interpreter, so no run sees what an earlier one left.");
            Line(3, $"new Span<byte>((void*)(r10 - {FrameSize}), {FrameSize}).Clear();");
        }

        Core.Specs.SourceLine? line = null;
        for (var k = 0; k < order.Length; k++)
        {
            var index = order[k];
            if (labels.Contains(index))
            {
                _out.Append($"        L{index}:\n");
            }

            if (k == 0 || labels.Contains(index))
            {
                // A block starts: what registers held depends on the path taken.
                Array.Clear(_knownMaps);
            }

            if (_lineOf(index) is { } source && (source.Line, source.File) != (line?.Line, line?.File))
            {
                line = source;
                Line(3, $"// {source.ToString().ReplaceLineEndings(" ")}");
            }

            Line(3, $"// {index}: {Disassembler.Format(_program, index)}");
            if (!WriteInstruction(index))
            {
                continue;
            }

            var next = index + SlotCount(index);
            if (k + 1 < order.Length && order[k + 1] == next)
            {
                continue;
            }

            if (next >= _program.Count)
            {
                Fault("FellOffEnd", _program.Count - 1, "execution ran past the last instruction without exit");
            }
            else
            {
                Line(3, $"goto L{next};");
            }
        }

        _out.Append("        unwind:\n");
        Line(3, "return 0;");
        Line(2, "}");
        Line(1, "}");
    }

    private int SlotCount(int index) => _program.FormAt(index)?.SlotCount ?? 1;

    private int[] Reachable() => Compilation.FunctionLayout.Reachable(_program, _entry);

    /// <summary>Slots that need a label: jump targets and instructions that do not follow their predecessor in the order.</summary>
    private HashSet<int> Labels(int[] order)
    {
        var labels = new HashSet<int>();
        for (var k = 0; k < order.Length; k++)
        {
            var form = _program.FormAt(order[k])!;
            if (form.Kind == OperationKind.Jump)
            {
                labels.Add(_program.TargetOf(order[k]));
            }

            var next = order[k] + form.SlotCount;
            if (next < _program.Count && (k + 1 == order.Length || order[k + 1] != next))
            {
                labels.Add(next);
            }
        }

        return labels;
    }

    private void Line(int depth, string text) => _out.Append(' ', depth * 4).Append(text).Append('\n');

    /// <summary>Stops the run with a fault and unwinds.</summary>
    private void Fault(string code, int slot, string message)
    {
        Line(3, $"NativeRuntime.Fault(ref state, DiagnosticCode.{code}, {slot}, {Literals.String(message)});");
        Line(3, "goto unwind;");
    }

    /// <summary>After a call that may stop the run: unwind when it did.</summary>
    private void UnwindIfStopped() => Line(3, "if (NativeRuntime.Stopped(ref state)) goto unwind;");
}
