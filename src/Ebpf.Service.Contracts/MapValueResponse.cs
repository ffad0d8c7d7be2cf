namespace Ebpf.Service.Contracts;

/// <summary>A looked-up value, or the next key of get-next-key.</summary>
/// <param name="Value">The bytes.</param>
public sealed record MapValueResponse(byte[] Value);
