using System.Text.Json.Serialization;

namespace Ebpf.Service.Contracts;

/// <summary>
/// The source-generated JSON of the contract (snake_case, nulls omitted, bytes as base64), shared by the service and
/// its clients so both sides read what the other writes without reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceStatus))]
[JsonSerializable(typeof(LoadObjectRequest))]
[JsonSerializable(typeof(LoadObjectResponse))]
[JsonSerializable(typeof(ProgramInfo))]
[JsonSerializable(typeof(ProgramInfo[]))]
[JsonSerializable(typeof(MapInfo))]
[JsonSerializable(typeof(MapInfo[]))]
[JsonSerializable(typeof(LinkInfo))]
[JsonSerializable(typeof(LinkInfo[]))]
[JsonSerializable(typeof(RunProgramRequest))]
[JsonSerializable(typeof(RunProgramResponse))]
[JsonSerializable(typeof(XlatedResponse))]
[JsonSerializable(typeof(MapKeyRequest))]
[JsonSerializable(typeof(MapValueResponse))]
[JsonSerializable(typeof(MapUpdateRequest))]
[JsonSerializable(typeof(MapEntriesResponse))]
[JsonSerializable(typeof(CreateMapRequest))]
[JsonSerializable(typeof(PinRequest))]
[JsonSerializable(typeof(PinInfo))]
[JsonSerializable(typeof(AttachXdpRequest))]
[JsonSerializable(typeof(AttachExecRequest))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ServiceJsonContext : JsonSerializerContext;
