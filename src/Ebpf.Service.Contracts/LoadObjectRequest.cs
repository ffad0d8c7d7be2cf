namespace Ebpf.Service.Contracts;

/// <summary>Load an object file's programs and maps (<c>bpftool prog load</c> / <c>loadall</c>).</summary>
/// <param name="Name">The object's name (its file name).</param>
/// <param name="Object">The object file's bytes.</param>
/// <param name="PinPath">Pin the first program here (<c>prog load OBJ PATH</c>), or null.</param>
/// <param name="PinFolder">Pin every program under this folder by name (<c>prog loadall OBJ DIR</c>), or null.</param>
/// <param name="PinMapsFolder">Pin every map under this folder by name (<c>pinmaps DIR</c>), or null.</param>
/// <param name="AllowUnverified">Load without the verifier's proof; the programs then run in the checked interpreter.</param>
public sealed record LoadObjectRequest(string Name, byte[] Object, string? PinPath = null, string? PinFolder = null, string? PinMapsFolder = null, bool AllowUnverified = false);
