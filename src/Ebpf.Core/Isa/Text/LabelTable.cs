using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>Labels of one program and the slot each one names.</summary>
/// <remarks>
/// The first <c>exit</c> also answers to the label <c>exit</c>, as in the conformance suite
/// (<c>jne %r1, %r2, exit</c>); a label written <c>exit:</c> takes precedence over it.
/// </remarks>
internal sealed class LabelTable
{
    private const string ExitLabel = "exit";

    private readonly Dictionary<string, (int Slot, int Line)> _labels = new(StringComparer.Ordinal);
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

    /// <summary>The slot a label names.</summary>
    public bool TryResolve(string name, out int slot)
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
