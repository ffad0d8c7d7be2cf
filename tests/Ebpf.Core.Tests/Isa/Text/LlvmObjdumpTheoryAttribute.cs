namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>A theory that is skipped, saying why, when LLVM 14's <c>llvm-objdump</c> is not available.</summary>
/// <remarks>xunit 2 has no dynamic skip; setting <see cref="FactAttribute.Skip"/> at construction is its usual substitute.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LlvmObjdumpTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the tool is missing.</summary>
    public LlvmObjdumpTheoryAttribute()
    {
        if (LlvmObjdump.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
