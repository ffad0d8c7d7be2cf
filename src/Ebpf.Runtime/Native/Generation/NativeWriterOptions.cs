namespace Ebpf.Runtime.Native.Generation;

/// <summary>How <see cref="NativeObjectWriter"/> writes a file.</summary>
/// <param name="Namespace">The namespace of the generated type.</param>
/// <param name="ClassName">The generated type's name; null for one made from the object's name.</param>
public sealed record NativeWriterOptions(string Namespace = "Ebpf.Native", string? ClassName = null)
{
    /// <summary>
    /// Whether the verifier accepted every program. Verified files load on their generated code, unchecked; unverified
    /// ones say so loudly and load in the checked interpreter (their code still zeroes frames, as the JIT's does).
    /// </summary>
    public bool Verified { get; init; } = true;

    /// <summary>The SHA-256 of the object file, lowercase hex, recorded in the header and in <see cref="NativeObject.ObjectSha256"/>.</summary>
    public string ObjectSha256 { get; init; } = "";

    /// <summary>The object file's name, for the header.</summary>
    public string? SourceName { get; init; }

    /// <summary>The generator's version, for the header and <see cref="NativeObject.GeneratorVersion"/>.</summary>
    public string GeneratorVersion { get; init; } = typeof(NativeObjectWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
