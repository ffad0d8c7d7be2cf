using System.Globalization;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// Gives the same <see cref="Variable"/> for the same name, with dense ids, for one analysis.
/// </summary>
/// <remarks>Every state of one analysis shares the factory; it is not thread-safe.</remarks>
internal sealed class VariableFactory
{
    private readonly Dictionary<string, Variable> _byName = new(StringComparer.Ordinal);
    private readonly List<Variable> _byId = [];

    /// <summary>How many variables exist.</summary>
    public int Count => _byId.Count;

    /// <summary>The variable named <paramref name="name"/>, created on first use.</summary>
    public Variable Get(string name)
    {
        if (!_byName.TryGetValue(name, out var variable))
        {
            variable = new Variable(_byId.Count, name);
            _byName.Add(name, variable);
            _byId.Add(variable);
        }

        return variable;
    }

    /// <summary>The variable with id <paramref name="id"/>.</summary>
    public Variable this[int id] => _byId[id];

    /// <summary>A register's <c>rN.field</c> variable (<c>r2.packet_offset</c>).</summary>
    public Variable Register(int register, string field) =>
        Get(string.Create(CultureInfo.InvariantCulture, $"r{register}.{field}"));

    /// <summary>A register's signed and unsigned views, <c>rN.svalue</c> and <c>rN.uvalue</c>.</summary>
    public ValueViews RegisterValue(int register) => new(Register(register, "svalue"), Register(register, "uvalue"));

    /// <summary>
    /// The views of the number stored in the stack bytes [offset, offset + size) relative to r10,
    /// named <c>s[-8..-1].svalue</c> and <c>s[-8..-1].uvalue</c>.
    /// </summary>
    public ValueViews StackValue(int offset, int size)
    {
        var cell = string.Create(CultureInfo.InvariantCulture, $"s[{offset}..{offset + size - 1}]");
        return new(Get(cell + ".svalue"), Get(cell + ".uvalue"));
    }
}
