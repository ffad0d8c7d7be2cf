using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>The three families of CO-RE relocation kinds, as libbpf's <c>core_relo_is_*_based</c> sort them.</summary>
internal static class CoreKinds
{
    public static bool IsFieldBased(BtfCoreRelocationKind kind) => kind <= BtfCoreRelocationKind.FieldRShiftU64;

    public static bool IsTypeBased(BtfCoreRelocationKind kind) =>
        kind is BtfCoreRelocationKind.TypeIdLocal or BtfCoreRelocationKind.TypeIdTarget or BtfCoreRelocationKind.TypeExists
            or BtfCoreRelocationKind.TypeSize or BtfCoreRelocationKind.TypeMatches;

    public static bool IsEnumValueBased(BtfCoreRelocationKind kind) =>
        kind is BtfCoreRelocationKind.EnumValueExists or BtfCoreRelocationKind.EnumValueValue;

    /// <summary>The kind as libbpf names it in its messages (<c>byte_off</c>, <c>type_exists</c>).</summary>
    public static string Name(BtfCoreRelocationKind kind) => kind switch
    {
        BtfCoreRelocationKind.FieldByteOffset => "byte_off",
        BtfCoreRelocationKind.FieldByteSize => "byte_sz",
        BtfCoreRelocationKind.FieldExists => "field_exists",
        BtfCoreRelocationKind.FieldSigned => "signed",
        BtfCoreRelocationKind.FieldLShiftU64 => "lshift_u64",
        BtfCoreRelocationKind.FieldRShiftU64 => "rshift_u64",
        BtfCoreRelocationKind.TypeIdLocal => "local_type_id",
        BtfCoreRelocationKind.TypeIdTarget => "target_type_id",
        BtfCoreRelocationKind.TypeExists => "type_exists",
        BtfCoreRelocationKind.TypeMatches => "type_matches",
        BtfCoreRelocationKind.TypeSize => "type_size",
        BtfCoreRelocationKind.EnumValueExists => "enumval_exists",
        BtfCoreRelocationKind.EnumValueValue => "enumval_value",
        _ => kind.ToString(),
    };
}
