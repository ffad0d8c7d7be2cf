namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>A numeric variable of the domain: a dense id for the matrices and a name for people.</summary>
/// <remarks>Made by a <see cref="VariableFactory"/>, which gives one id per name; equality is by id.</remarks>
internal readonly struct Variable : IEquatable<Variable>
{
    /// <summary>Creates a variable; use <see cref="VariableFactory.Get"/> rather than this.</summary>
    public Variable(int id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The dense id (0, 1, 2, ... in creation order).</summary>
    public int Id { get; }

    /// <summary>The name printed in facts: <c>r1.svalue</c>, <c>packet_size</c>.</summary>
    public string Name { get; }

    /// <summary>Equal ids.</summary>
    public static bool operator ==(Variable left, Variable right) => left.Id == right.Id;

    /// <summary>Different ids.</summary>
    public static bool operator !=(Variable left, Variable right) => left.Id != right.Id;

    /// <inheritdoc/>
    public bool Equals(Variable other) => Id == other.Id;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Variable other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Id;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
