namespace Ebpf.Service.Contracts;

/// <summary>What is pinned at a path.</summary>
/// <param name="Path">The path.</param>
/// <param name="Kind"><see cref="ProgramKind"/> or <see cref="MapKind"/>.</param>
/// <param name="Id">The object's id.</param>
public sealed record PinInfo(string Path, string Kind, uint Id)
{
    /// <summary>The kind of a pinned program.</summary>
    public const string ProgramKind = "prog";

    /// <summary>The kind of a pinned map.</summary>
    public const string MapKind = "map";
}
