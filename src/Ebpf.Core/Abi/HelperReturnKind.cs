namespace Ebpf.Core.Abi;

/// <summary>What a helper returns in r0, modelled on the kernel's <c>enum bpf_return_type</c>.</summary>
public enum HelperReturnKind
{
    /// <summary><c>RET_INTEGER</c>: a scalar (often a negative errno on failure).</summary>
    Integer,

    /// <summary><c>RET_VOID</c>: nothing; r0 is not readable after the call.</summary>
    Void,

    /// <summary><c>RET_PTR_TO_MAP_VALUE_OR_NULL</c>: a value of the map passed as argument, or null.</summary>
    PointerToMapValueOrNull,

    /// <summary>
    /// <c>RET_PTR_TO_RINGBUF_MEM_OR_NULL</c> (formerly <c>RET_PTR_TO_ALLOC_MEM_OR_NULL</c>): a ring buffer record of
    /// the size given by the <see cref="HelperArgumentKind.ConstAllocSizeOrZero"/> argument, or null. The program
    /// must release it (<c>bpf_ringbuf_submit</c> or <c>bpf_ringbuf_discard</c>) on every path.
    /// </summary>
    PointerToAllocMemoryOrNull,

    /// <summary>
    /// <c>RET_PTR_TO_BTF_ID_TRUSTED</c>: a kernel object of the struct <see cref="HelperPrototype.ReturnedBtfStruct"/>
    /// names (<c>bpf_get_current_task_btf</c>'s <c>task_struct</c>), never null.
    /// </summary>
    PointerToBtfObject,
}
