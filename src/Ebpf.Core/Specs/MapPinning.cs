namespace Ebpf.Core.Specs;

/// <summary>How a map is pinned, as libbpf's <c>LIBBPF_PIN_*</c> values.</summary>
public enum MapPinning
{
    /// <summary>Not pinned.</summary>
    None = 0,
    /// <summary>Pinned under its name in the pin folder, and reused from there if already pinned.</summary>
    ByName = 1,
}
