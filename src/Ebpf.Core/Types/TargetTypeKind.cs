namespace Ebpf.Core.Types;

/// <summary>The kinds of target BTF types the verifier tells apart (Linux's <c>BTF_KIND_*</c>, folded).</summary>
public enum TargetTypeKind
{
    /// <summary><c>void</c> (id 0).</summary>
    Void,

    /// <summary>An integer (<c>BTF_KIND_INT</c>).</summary>
    Integer,

    /// <summary>An enumeration, 32- or 64-bit (<c>BTF_KIND_ENUM</c>, <c>BTF_KIND_ENUM64</c>).</summary>
    Enum,

    /// <summary>A floating-point number (<c>BTF_KIND_FLOAT</c>).</summary>
    Float,

    /// <summary>A pointer; <see cref="TargetType.Target"/> is the pointee.</summary>
    Pointer,

    /// <summary>An array; <see cref="TargetType.Target"/> is the element, <see cref="TargetType.Count"/> the number of elements.</summary>
    Array,

    /// <summary>A struct; <see cref="TargetType.Members"/> its members.</summary>
    Struct,

    /// <summary>A union; <see cref="TargetType.Members"/> its members, all at offset 0.</summary>
    Union,

    /// <summary>A function (<c>BTF_KIND_FUNC</c>); <see cref="TargetType.Target"/> is its prototype.</summary>
    Function,

    /// <summary>A function prototype; <see cref="TargetType.Target"/> is the return type, <see cref="TargetType.Members"/> the parameters.</summary>
    FunctionProto,

    /// <summary>A typedef (only found by <see cref="ITargetTypes.Find"/>: <see cref="ITargetTypes.Resolve"/> skips typedefs).</summary>
    Typedef,

    /// <summary>A declared but not defined struct or union (<c>BTF_KIND_FWD</c>).</summary>
    Forward,

    /// <summary>Anything else (variables, data sections, declaration tags).</summary>
    Other,
}
