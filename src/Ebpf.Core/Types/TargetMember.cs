namespace Ebpf.Core.Types;

/// <summary>A member of a struct or union, or a parameter of a function prototype (offsets 0 then).</summary>
/// <param name="Name">Its name; empty for anonymous members.</param>
/// <param name="Type">Its type's id in the target BTF (typedefs and modifiers not yet skipped).</param>
/// <param name="BitOffset">Where it starts, in bits from the start of the struct.</param>
/// <param name="BitSize">For a bitfield, its width in bits; 0 otherwise.</param>
public sealed record TargetMember(string Name, int Type, long BitOffset, int BitSize)
{
    /// <summary>True for a bitfield.</summary>
    public bool IsBitfield => BitSize != 0;
}
