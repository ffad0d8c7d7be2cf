namespace Ebpf.Elf.Btf;

/// <summary>The linkage of a function: <c>enum btf_func_linkage</c>, stored in the vlen of <c>BTF_KIND_FUNC</c>.</summary>
public enum BtfFunctionLinkage
{
    /// <summary><c>BTF_FUNC_STATIC</c>: a <c>static</c> function.</summary>
    Static = 0,
    /// <summary><c>BTF_FUNC_GLOBAL</c>: the verifier checks it on its own, from its prototype.</summary>
    Global = 1,
    /// <summary><c>BTF_FUNC_EXTERN</c>: defined elsewhere (a kfunc or another object).</summary>
    Extern = 2,
}
