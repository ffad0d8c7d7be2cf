using System.Collections.Immutable;

namespace Ebpf.Verifier.Cfg;

/// <summary>
/// An element of a weak topological order: a single block, or a component (a loop) whose head is
/// <see cref="Block"/> and whose body is <see cref="Body"/>.
/// </summary>
/// <param name="Block">The block, or the head of the component.</param>
/// <param name="Body">The component's other elements in order; default for a single block.</param>
internal sealed record WtoElement(int Block, ImmutableArray<WtoElement> Body)
{
    /// <summary>True for a component (a loop) rather than a single block.</summary>
    public bool IsComponent => !Body.IsDefault;
}
