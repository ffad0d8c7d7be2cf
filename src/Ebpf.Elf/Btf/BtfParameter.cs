namespace Ebpf.Elf.Btf;

/// <summary>A parameter of a function prototype: <c>struct btf_param { u32 name_off; u32 type; }</c>.</summary>
/// <param name="Name">The parameter's name; empty in prototypes of function pointers.</param>
/// <param name="Type">The parameter's type id; 0 (with no name) only as the last one, for <c>...</c>.</param>
public sealed record BtfParameter(string Name, int Type);
