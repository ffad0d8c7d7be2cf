namespace Ebpf.Service.Contracts;

/// <summary>A lookup, delete or get-next-key: the key, or null for the first key of get-next.</summary>
/// <param name="Key">The key's bytes.</param>
public sealed record MapKeyRequest(byte[]? Key);
