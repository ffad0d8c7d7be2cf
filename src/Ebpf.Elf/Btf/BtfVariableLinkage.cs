namespace Ebpf.Elf.Btf;

/// <summary>The linkage of a variable: <c>struct btf_var { u32 linkage; }</c> after <c>BTF_KIND_VAR</c>.</summary>
public enum BtfVariableLinkage
{
    /// <summary><c>BTF_VAR_STATIC</c>.</summary>
    Static = 0,
    /// <summary><c>BTF_VAR_GLOBAL_ALLOCATED</c>: a global defined here.</summary>
    Global = 1,
    /// <summary><c>BTF_VAR_GLOBAL_EXTERN</c>: a global defined elsewhere (<c>.kconfig</c>, <c>.ksyms</c>).</summary>
    Extern = 2,
}
