namespace Ebpf.Service.Contracts;

/// <summary>One element of a map dump.</summary>
/// <param name="Key">The key's bytes.</param>
/// <param name="Value">The value's bytes.</param>
public sealed record MapEntry(byte[] Key, byte[] Value);
