using Ebpf.Core.Diagnostics;

namespace Ebpf.Verifier.Transfer;

/// <summary>Collects the failed checks of the final pass, one diagnostic per code and instruction.</summary>
internal sealed class ProblemSink
{
    private readonly HashSet<(DiagnosticCode, int)> _seen = [];

    /// <summary>The problems, in the order found.</summary>
    public List<(DiagnosticCode Code, int Instruction, string Message)> Found { get; } = [];

    /// <summary>Records a problem unless the same code was already reported at the same instruction (another call chain).</summary>
    public void Report(DiagnosticCode code, int instruction, string message)
    {
        if (_seen.Add((code, instruction)))
        {
            Found.Add((code, instruction, message));
        }
    }
}
