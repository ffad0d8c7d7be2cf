using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>A return value range that replaces the program type's default for some attach types.</summary>
/// <param name="AttachTypes">The attach types, in the platform's numbering.</param>
/// <param name="Range">The range the verifier enforces for them.</param>
public sealed record AttachTypeRange(ImmutableArray<int> AttachTypes, ValueRange Range);
