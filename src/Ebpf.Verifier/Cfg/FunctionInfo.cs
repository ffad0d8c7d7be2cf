namespace Ebpf.Verifier.Cfg;

/// <summary>A function of the program: where it lies and where its static blocks start.</summary>
/// <param name="Name">Its symbol name.</param>
/// <param name="Start">First slot.</param>
/// <param name="End">One past its last slot.</param>
internal sealed record FunctionInfo(string Name, int Start, int End)
{
    /// <summary>True when <paramref name="slot"/> lies inside the function.</summary>
    public bool Contains(int slot) => slot >= Start && slot < End;
}
