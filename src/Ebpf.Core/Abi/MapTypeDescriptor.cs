namespace Ebpf.Core.Abi;

/// <summary>A map type of a platform.</summary>
/// <param name="Name">Its name as bpftool prints it (<c>lru_hash</c>).</param>
/// <param name="Id">Its number in the platform's numbering (Linux: <see cref="MapType"/>).</param>
public sealed record MapTypeDescriptor(string Name, int Id);
