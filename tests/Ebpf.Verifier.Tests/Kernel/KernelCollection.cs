namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>Tests that load programs into the kernel run one at a time: they share its BPF filesystem.</summary>
[CollectionDefinition(Name)]
public sealed class KernelCollection
{
    public const string Name = "kernel oracle";
}
