using Ebpf.Runtime.Loading;

namespace Ebpf.Api.Hosting;

/// <summary>An object a host loaded: what it was loaded from (so a service can load it again after a restart) and what it made live.</summary>
public sealed class HostedObject
{
    internal HostedObject(uint key, string name, byte[] bytes, bool allowUnverified, LoadedObject loaded)
    {
        Key = key;
        Name = name;
        Bytes = bytes;
        AllowUnverified = allowUnverified;
        Loaded = loaded;
    }

    /// <summary>The host's number for it.</summary>
    public uint Key { get; }

    /// <summary>Its file name.</summary>
    public string Name { get; }

    /// <summary>The object file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Whether it was loaded without the verifier.</summary>
    public bool AllowUnverified { get; }

    /// <summary>Its live maps and programs.</summary>
    public LoadedObject Loaded { get; }

    /// <summary>The host's ids of its programs that are still loaded.</summary>
    internal HashSet<uint> ProgramIds { get; } = [];
}
