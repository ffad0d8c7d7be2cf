using System.Reflection.Emit;
using Ebpf.Core.Isa;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A map key the program has just stored on its stack, taken from the value stored rather than read back: clang's
/// <c>key = x; bpf_map_lookup_elem(&amp;map, &amp;key)</c> is <c>*(u32 *)(r10 - 4) = r1; r2 = r10; r2 += -4; r1 = map ll;
/// call 1</c>, and an inlined array lookup that reloads the key from memory waits for the store to be forwarded (a few
/// cycles on the path to the value's address). The store still happens; each 32-bit store to the frame also copies
/// its value to an IL local (the key register is often reused for the map, as r1 is here), which RyuJIT drops when no
/// lookup reads it.
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>Registers known to hold r10 plus an offset, in the current block.</summary>
    private readonly int?[] _frameOffset = new int?[11];

    /// <summary>The frame offset of the last 32-bit store of a register in the current block while no other store followed; its value is in <see cref="_key"/>.</summary>
    private int? _storedKey;

    private LocalBuilder? _key;

    /// <summary>A local holding the 32-bit value r2 points to, if the block shows it; else null.</summary>
    private LocalBuilder? StoredKey() => _frameOffset[2] is { } offset && _storedKey == offset ? _key : null;

    /// <summary>Forgets what the block showed (a block starts, or control may arrive from elsewhere).</summary>
    private void ForgetFrame()
    {
        Array.Clear(_frameOffset);
        _storedKey = null;
    }

    /// <summary>Follows one emitted instruction's effect on what the block shows.</summary>
    private void TrackFrame(int index)
    {
        var slot = _program.Slots[index];
        var form = _program.FormAt(index)!;
        var written = RegisterUsage.Writes(slot, form);
        if (form.Kind == OperationKind.Call)
        {
            ForgetFrame();
            return;
        }

        if (form.Kind is OperationKind.Store or OperationKind.Atomic)
        {
            // Any store may overwrite the key (through a pointer the block does not follow), except the key's own.
            var isKey = form.Operation == Operation.Store && form.Source == OperandSource.Register && form.Width == 32
                && slot.Destination == Register.R10 && slot.Source != Register.R10;
            _storedKey = isKey ? slot.Offset : null;
            if (isKey)
            {
                _key ??= _il.DeclareLocal(typeof(ulong), "key");
                Load(slot.Source);
                _il.Emit(OpCodes.Stloc, _key);
            }
        }

        if (written is not { } register)
        {
            return;
        }

        var r = (int)register;
        _frameOffset[r] = form.Operation switch
        {
            Operation.Mov when !form.Is32Bit && form.Source == OperandSource.Register && slot.Source == Register.R10 => 0,
            Operation.Add when !form.Is32Bit && form.Source == OperandSource.Immediate && _frameOffset[r] is { } offset => offset + slot.Immediate,
            _ => null,
        };
    }
}
