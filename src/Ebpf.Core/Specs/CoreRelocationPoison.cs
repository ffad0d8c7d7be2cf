using Ebpf.Core.Isa;

namespace Ebpf.Core.Specs;

/// <summary>
/// The instruction libbpf writes where a CO-RE relocation found nothing in the target's types: a call of the helper
/// <c>0xbad2310</c> ("bad relo"), which exists nowhere. A program that never reaches it loads and runs; one that does
/// is refused by the verifier (and faults as an unknown helper when run unverified), naming the relocation.
/// </summary>
public static class CoreRelocationPoison
{
    /// <summary>libbpf's poison helper number, <c>0xbad2310</c> (195896080).</summary>
    public const int HelperNumber = 0xbad2310;

    /// <summary>The poisoned instruction: <c>call 0xbad2310</c>, every other field zero.</summary>
    public static Instruction Instruction { get; } = new(0x85, Register.R0, Register.R0, 0, HelperNumber);

    /// <summary>True when <paramref name="instruction"/> is the poisoned call.</summary>
    public static bool IsPoisoned(Instruction instruction) => instruction == Instruction;
}
