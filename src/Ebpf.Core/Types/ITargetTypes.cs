namespace Ebpf.Core.Types;

/// <summary>
/// A read-only view of the types of a target BTF (the running kernel's <c>/sys/kernel/btf/vmlinux</c>, or a file given
/// instead): what the verifier needs to type kernel objects as the kernel's verifier does (<c>PTR_TO_BTF_ID</c>):
/// struct and union members, sizes, pointer targets, array elements and function prototypes. Ids are the target's own
/// BTF type ids. Implementations are immutable and safe to share between threads (<c>Ebpf.Elf.Btf.BtfTargetTypes</c>
/// reads one from a <c>BtfSpec</c>).
/// </summary>
public interface ITargetTypes
{
    /// <summary>
    /// The type with id <paramref name="id"/>, typedefs and modifiers (<c>const</c>, <c>volatile</c>, <c>restrict</c>,
    /// type tags) skipped as the kernel's <c>btf_type_skip_modifiers</c> does; a type of kind
    /// <see cref="TargetTypeKind.Void"/> for id 0, null when no type has the id.
    /// </summary>
    TargetType? Resolve(int id);

    /// <summary>
    /// The id of the first type named <paramref name="name"/> of kind <paramref name="kind"/> (<see cref="TargetTypeKind.Struct"/>,
    /// <see cref="TargetTypeKind.Union"/>, <see cref="TargetTypeKind.Function"/> or <see cref="TargetTypeKind.Typedef"/>),
    /// or null.
    /// </summary>
    int? Find(string name, TargetTypeKind kind);
}
