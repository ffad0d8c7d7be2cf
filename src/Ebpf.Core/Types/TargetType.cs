using System.Collections.Immutable;

namespace Ebpf.Core.Types;

/// <summary>One type of a target BTF, as <see cref="ITargetTypes.Resolve"/> gives it.</summary>
/// <param name="Id">Its id in the target BTF (after typedefs and modifiers were skipped).</param>
/// <param name="Kind">What kind of type it is.</param>
/// <param name="Name">Its name; empty for anonymous types.</param>
/// <param name="Size">Its size in bytes; 0 for functions, prototypes, void and forward declarations.</param>
/// <param name="Target">
/// The pointee of a pointer, the element of an array, the prototype of a function, the return type of a prototype; 0 otherwise.
/// </param>
/// <param name="Count">The number of elements of an array; 0 otherwise.</param>
/// <param name="Members">The members of a struct or union, the parameters of a prototype; empty otherwise.</param>
public sealed record TargetType(int Id, TargetTypeKind Kind, string Name, long Size, int Target, long Count, ImmutableArray<TargetMember> Members)
{
    /// <summary>True for structs and unions, the types whose members a load through a BTF-typed pointer is checked against.</summary>
    public bool IsComposite => Kind is TargetTypeKind.Struct or TargetTypeKind.Union;

    /// <summary>How C spells it, for messages: <c>struct task_struct</c>, <c>int</c>.</summary>
    public string Spelling => Kind switch
    {
        TargetTypeKind.Struct => $"struct {Name}",
        TargetTypeKind.Union => $"union {Name}",
        TargetTypeKind.Enum => $"enum {Name}",
        TargetTypeKind.Void => "void",
        _ when Name.Length > 0 => Name,
        _ => $"({Kind} [{Id}])",
    };
}
