namespace Ebpf.Elf.Btf;

/// <summary>What a CO-RE relocation computes: the kernel's <c>enum bpf_core_relo_kind</c> (include/uapi/linux/bpf.h).</summary>
public enum BtfCoreRelocationKind
{
    /// <summary><c>BPF_CORE_FIELD_BYTE_OFFSET</c>: field byte offset.</summary>
    FieldByteOffset = 0,
    /// <summary><c>BPF_CORE_FIELD_BYTE_SIZE</c>: field size in bytes.</summary>
    FieldByteSize = 1,
    /// <summary><c>BPF_CORE_FIELD_EXISTS</c>: field existence in the target.</summary>
    FieldExists = 2,
    /// <summary><c>BPF_CORE_FIELD_SIGNED</c>: field signedness.</summary>
    FieldSigned = 3,
    /// <summary><c>BPF_CORE_FIELD_LSHIFT_U64</c>: bitfield left shift.</summary>
    FieldLShiftU64 = 4,
    /// <summary><c>BPF_CORE_FIELD_RSHIFT_U64</c>: bitfield right shift.</summary>
    FieldRShiftU64 = 5,
    /// <summary><c>BPF_CORE_TYPE_ID_LOCAL</c>: type id in the program's own BTF.</summary>
    TypeIdLocal = 6,
    /// <summary><c>BPF_CORE_TYPE_ID_TARGET</c>: type id in the target's BTF.</summary>
    TypeIdTarget = 7,
    /// <summary><c>BPF_CORE_TYPE_EXISTS</c>: type existence in the target.</summary>
    TypeExists = 8,
    /// <summary><c>BPF_CORE_TYPE_SIZE</c>: type size in bytes.</summary>
    TypeSize = 9,
    /// <summary><c>BPF_CORE_ENUMVAL_EXISTS</c>: enumerator existence in the target.</summary>
    EnumValueExists = 10,
    /// <summary><c>BPF_CORE_ENUMVAL_VALUE</c>: enumerator value.</summary>
    EnumValueValue = 11,
    /// <summary><c>BPF_CORE_TYPE_MATCHES</c>: type match in the target.</summary>
    TypeMatches = 12,
}
