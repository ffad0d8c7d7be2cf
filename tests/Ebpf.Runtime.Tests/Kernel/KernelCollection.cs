namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>Tests that use the kernel as oracle run one at a time: they share its trace pipe and BPF filesystem.</summary>
[CollectionDefinition(Name)]
public sealed class KernelCollection
{
    public const string Name = "kernel oracle";
}
