namespace Ebpf.Elf.CoRe;

/// <summary>
/// One step of a CO-RE access specification, libbpf's <c>struct bpf_core_accessor</c>: a named member of the
/// composite <see cref="TypeId"/>, an element of an array (<see cref="Name"/> null, <see cref="TypeId"/> the element
/// type), or an enumerator of the enum <see cref="TypeId"/>.
/// </summary>
internal readonly record struct CoreAccessor(int TypeId, int Index, string? Name);
