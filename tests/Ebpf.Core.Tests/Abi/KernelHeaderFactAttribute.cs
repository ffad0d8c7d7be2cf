using Ebpf.Testing;

namespace Ebpf.Core.Tests.Abi;

/// <summary>A fact that compares with &lt;linux/bpf.h&gt;; skipped, with the reason, where gcc or the header is missing.</summary>
internal sealed class KernelHeaderFactAttribute : FactAttribute
{
    public KernelHeaderFactAttribute()
    {
        if (!ExternalTool.IsAvailable("gcc"))
        {
            Skip = "needs gcc on the PATH to compile abi_probe.c (apt-get install gcc linux-libc-dev)";
        }
        else if (!File.Exists(AbiHeaderProbe.HeaderPath))
        {
            Skip = $"needs {AbiHeaderProbe.HeaderPath} (apt-get install linux-libc-dev)";
        }
    }
}
