namespace Ebpf.Runtime.Execution;

/// <summary>How a program runs.</summary>
/// <param name="Checked">
/// Validate every memory access against the regions the run was given and every register read
/// against what was written, stopping with a fault instead. Needed for unverified programs.
/// </param>
/// <param name="InstructionBudget">Stop with a fault after this many instructions; null for no limit.</param>
/// <param name="MaxCallDepth">Most frames that may be active at once, the program's own included (Linux: 8).</param>
public sealed record ExecutionOptions(bool Checked = true, long? InstructionBudget = null, int MaxCallDepth = 8)
{
    /// <summary>Bytes of stack in each frame (Linux: 512).</summary>
    public const int StackFrameSize = 512;

    /// <summary>
    /// The verifier accepted the program, so no run reads a stack byte it did not write first (the verifier refuses
    /// that, helper arguments included): the JIT then leaves frames as the last run left them instead of zeroing
    /// them on entry, as the kernel does. Loading sets it; unverified runs must leave it false.
    /// </summary>
    public bool Verified { get; init; }

    /// <summary>Checked mode with no budget: safe for unverified programs that terminate.</summary>
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Throws when an option is out of range; called where options enter the runtime.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCallDepth, 1, nameof(MaxCallDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCallDepth, 64, nameof(MaxCallDepth));
        if (InstructionBudget is { } budget)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget, nameof(InstructionBudget));
        }
    }
}
