namespace Ebpf.Service.Contracts;

/// <summary>What a load made live.</summary>
/// <param name="Programs">The loaded programs.</param>
/// <param name="Maps">The object's maps.</param>
public sealed record LoadObjectResponse(ProgramInfo[] Programs, MapInfo[] Maps);
