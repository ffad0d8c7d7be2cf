using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>The labels of one program, and the jumps and local calls that name them, patched once all are known.</summary>
/// <remarks>
/// The first <c>exit</c> also answers to the label <c>exit</c>, as in the conformance suite
/// (<c>jne %r1, %r2, exit</c>); a label written <c>exit:</c> takes precedence over it.
/// </remarks>
internal sealed class LabelTable
{
    private const string ExitLabel = "exit";

    private readonly Dictionary<string, (int Slot, int Line)> _labels = new(StringComparer.Ordinal);
    private readonly List<(int Slot, int Line, string Label, OpCodeInfo Form)> _references = [];
    private int? _firstExit;

    /// <summary>Defines a label at a slot; false, with the error, if it was defined before.</summary>
    public bool TryDefine(string name, int slot, int line, out OperandError error)
    {
        error = default;
        if (_labels.TryGetValue(name, out var first))
        {
            error = new OperandError(DiagnosticCode.DuplicateLabel, $"label '{name}' is already defined on line {first.Line}");
            return false;
        }

        _labels.Add(name, (slot, line));
        return true;
    }

    /// <summary>Notes an <c>exit</c> instruction; only the first one counts.</summary>
    public void NoteExit(int slot) => _firstExit ??= slot;

    /// <summary>Notes that the instruction at <paramref name="slot"/> targets <paramref name="label"/>.</summary>
    public void Reference(int slot, int line, string label, OpCodeInfo form) => _references.Add((slot, line, label, form));

    /// <summary>Writes each referenced target, relative to the slot after the instruction, into its field.</summary>
    public void Patch(List<Instruction> slots, ImmutableArray<Diagnostic>.Builder problems)
    {
        foreach (var (slot, line, label, form) in _references)
        {
            if (!TryPatch(slots, slot, label, form, out var error))
            {
                problems.Add(new Diagnostic(error.Code, error.Message, DiagnosticLocation.AtLine(line)));
            }
        }
    }

    private bool TryPatch(List<Instruction> slots, int slot, string label, OpCodeInfo form, out OperandError error)
    {
        if (!TryResolve(label, out var target))
        {
            error = new OperandError(DiagnosticCode.UndefinedLabel, $"label '{label}' is not defined");
            return false;
        }

        var instruction = slots[slot];
        var (offset, imm) = (instruction.Offset, instruction.Immediate);
        if (!InstructionEncoder.TryPlaceTarget(form, target - (slot + 1L), ref offset, ref imm, out error))
        {
            error = error with { Message = $"{error.Message}: label '{label}' is too far" };
            return false;
        }

        slots[slot] = instruction with { Offset = offset, Immediate = imm };
        return true;
    }

    private bool TryResolve(string name, out int slot)
    {
        if (_labels.TryGetValue(name, out var entry))
        {
            slot = entry.Slot;
            return true;
        }

        slot = _firstExit ?? 0;
        return name == ExitLabel && _firstExit is not null;
    }
}
