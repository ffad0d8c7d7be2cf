using Ebpf.Testing;

namespace Ebpf.Core.Tests.Abi;

/// <summary>A fact that compiles a C probe with the host's gcc, skipped with the reason where gcc is missing.</summary>
internal sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (!ExternalTool.IsAvailable("gcc"))
        {
            Skip = "needs gcc on the PATH to compile the probe (apt-get install gcc)";
        }
    }
}
