namespace Ebpf.Elf.Btf;

/// <summary>The kind of a BTF type, numbered as the kernel's <c>BTF_KIND_*</c> (include/uapi/linux/btf.h).</summary>
public enum BtfKind
{
    /// <summary><c>BTF_KIND_UNKN</c>: only type id 0, <c>void</c>, has it.</summary>
    Void = 0,
    /// <summary><c>BTF_KIND_INT</c>: an integer, <c>char</c> or <c>_Bool</c>.</summary>
    Int = 1,
    /// <summary><c>BTF_KIND_PTR</c>: a pointer.</summary>
    Pointer = 2,
    /// <summary><c>BTF_KIND_ARRAY</c>: a fixed-size array.</summary>
    Array = 3,
    /// <summary><c>BTF_KIND_STRUCT</c>.</summary>
    Struct = 4,
    /// <summary><c>BTF_KIND_UNION</c>.</summary>
    Union = 5,
    /// <summary><c>BTF_KIND_ENUM</c>: values up to 32 bits.</summary>
    Enum = 6,
    /// <summary><c>BTF_KIND_FWD</c>: a struct or union declared but not defined.</summary>
    Forward = 7,
    /// <summary><c>BTF_KIND_TYPEDEF</c>.</summary>
    Typedef = 8,
    /// <summary><c>BTF_KIND_VOLATILE</c>.</summary>
    Volatile = 9,
    /// <summary><c>BTF_KIND_CONST</c>.</summary>
    Const = 10,
    /// <summary><c>BTF_KIND_RESTRICT</c>.</summary>
    Restrict = 11,
    /// <summary><c>BTF_KIND_FUNC</c>: a function or sub-program, pointing at its prototype.</summary>
    Function = 12,
    /// <summary><c>BTF_KIND_FUNC_PROTO</c>: a function signature.</summary>
    FunctionProto = 13,
    /// <summary><c>BTF_KIND_VAR</c>: a global or static variable.</summary>
    Variable = 14,
    /// <summary><c>BTF_KIND_DATASEC</c>: the variables of an ELF data section.</summary>
    DataSection = 15,
    /// <summary><c>BTF_KIND_FLOAT</c>.</summary>
    Float = 16,
    /// <summary><c>BTF_KIND_DECL_TAG</c>: <c>__attribute__((btf_decl_tag("...")))</c> on a declaration.</summary>
    DeclTag = 17,
    /// <summary><c>BTF_KIND_TYPE_TAG</c>: <c>__attribute__((btf_type_tag("...")))</c> on a pointee type.</summary>
    TypeTag = 18,
    /// <summary><c>BTF_KIND_ENUM64</c>: values up to 64 bits.</summary>
    Enum64 = 19,
}
