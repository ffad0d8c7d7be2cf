namespace Ebpf.Core.Abi;

/// <summary>
/// What a helper argument must be, modelled on the kernel's <c>enum bpf_arg_type</c> with its type flags
/// (<c>MEM_RDONLY</c>, <c>MEM_UNINIT</c>); whether it may also be null is <see cref="HelperArgument.MayBeNull"/>.
/// </summary>
/// <remarks>
/// A size argument (<see cref="ConstSize"/>, <see cref="ConstSizeOrZero"/>) bounds the memory pointer that
/// immediately precedes it, as the kernel pairs them.
/// </remarks>
public enum HelperArgumentKind
{
    /// <summary><c>ARG_ANYTHING</c>: any initialized value.</summary>
    Anything,

    /// <summary><c>ARG_CONST_MAP_PTR</c>: a map, loaded with <c>lddw</c> from a map reference.</summary>
    ConstMapPointer,

    /// <summary><c>ARG_PTR_TO_MAP_KEY</c>: initialized memory the size of the map's key.</summary>
    PointerToMapKey,

    /// <summary><c>ARG_PTR_TO_MAP_VALUE</c>: initialized memory the size of the map's value, read by the helper.</summary>
    PointerToMapValue,

    /// <summary>
    /// <c>ARG_PTR_TO_MAP_VALUE | MEM_UNINIT</c> (formerly <c>ARG_PTR_TO_UNINIT_MAP_VALUE</c>): writable memory the
    /// size of the map's value, which the helper fills (<c>bpf_map_pop_elem</c>).
    /// </summary>
    PointerToUninitMapValue,

    /// <summary><c>ARG_PTR_TO_MEM | MEM_RDONLY</c>: initialized memory the helper only reads; the next argument is its size.</summary>
    PointerToReadableMemory,

    /// <summary><c>ARG_PTR_TO_MEM</c>: initialized, writable memory; the next argument is its size.</summary>
    PointerToWritableMemory,

    /// <summary><c>ARG_PTR_TO_UNINIT_MEM</c>: writable memory the helper fills, initialized or not; the next argument is its size.</summary>
    PointerToUninitMemory,

    /// <summary><c>ARG_CONST_SIZE</c>: a size known to the verifier, greater than zero.</summary>
    ConstSize,

    /// <summary><c>ARG_CONST_SIZE_OR_ZERO</c>: a size known to the verifier, possibly zero.</summary>
    ConstSizeOrZero,

    /// <summary><c>ARG_CONST_ALLOC_SIZE_OR_ZERO</c>: the size of memory the helper allocates (<c>bpf_ringbuf_reserve</c>).</summary>
    ConstAllocSizeOrZero,

    /// <summary><c>ARG_PTR_TO_CTX</c>: the program's context, unmodified.</summary>
    PointerToContext,

    /// <summary><c>ARG_PTR_TO_FUNC</c>: a callback, loaded with <c>lddw</c> from a function reference.</summary>
    PointerToFunction,

    /// <summary><c>ARG_PTR_TO_STACK</c>: a pointer into the calling program's stack (callback context).</summary>
    PointerToStack,

    /// <summary>
    /// <c>ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE</c> (formerly <c>ARG_PTR_TO_ALLOC_MEM</c>): a ring buffer record
    /// returned by <c>bpf_ringbuf_reserve</c>, which the call releases.
    /// </summary>
    PointerToAllocMemory,

    /// <summary><c>ARG_PTR_TO_CONST_STR</c>: a zero-terminated string in read-only map memory (<c>.rodata</c>).</summary>
    PointerToConstString,

    /// <summary>
    /// <c>ARG_PTR_TO_BTF_ID</c>: a kernel object typed by BTF (<c>PTR_TO_BTF_ID</c>) of the struct
    /// <see cref="HelperArgument.BtfStruct"/> names, at its start, not read from another object (untrusted).
    /// </summary>
    PointerToBtfObject,
}
