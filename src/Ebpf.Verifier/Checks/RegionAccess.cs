using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Checks;

/// <summary>Where a load, store or atomic operation proven safe goes: its region and the offsets it may touch.</summary>
/// <param name="Type">The pointer's type.</param>
/// <param name="Offsets">The offsets of the first byte touched (pointer offset plus the instruction's offset).</param>
/// <param name="Width">Bytes touched.</param>
internal readonly record struct RegionAccess(AbstractType Type, Interval Offsets, int Width)
{
    /// <summary>The single first byte touched, when the offset is known exactly.</summary>
    public int? ExactOffset => Offsets.IsSingleton ? (int)Offsets.Lower : null;
}
