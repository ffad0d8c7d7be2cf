using System.Globalization;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// The numeric state the analysis keeps before each instruction: a zone over variables (bounds plus
/// differences), with operations on single variables and on the two views of a register
/// (<see cref="ValueViews"/>: eBPF arithmetic, branch conditions).
/// </summary>
/// <remarks>
/// Mutable, with a cheap <see cref="Clone"/> (storage is shared until written). A variable nobody
/// constrained is top: for a view, any value the view can hold. The lattice operations return new states.
/// </remarks>
internal sealed partial class NumericDomain
{
    private readonly Dictionary<int, string> _names;
    private readonly Zone _zone;

    private NumericDomain(Zone zone, Dictionary<int, string> names)
    {
        _zone = zone;
        _names = names;
    }

    /// <summary>A new state with no constraint.</summary>
    public static NumericDomain Top => new(new Zone(), []);

    /// <summary>A new unreachable state.</summary>
    public static NumericDomain Bottom
    {
        get
        {
            var zone = new Zone();
            zone.SetBottom();
            return new(zone, []);
        }
    }

    /// <summary>Whether the state is unreachable (its constraints contradict).</summary>
    public bool IsBottom => _zone.IsBottom;

    /// <summary>How many differences the zone stores: what copies and joins cost, for measurements.</summary>
    public int StoredDifferences => _zone.StoredDifferences;

    /// <summary>An independent copy; cheap, storage is shared until either side writes.</summary>
    public NumericDomain Clone() => new(_zone.Clone(), _names);

    /// <summary>Makes the state unreachable.</summary>
    public void SetBottom() => _zone.SetBottom();

    /// <summary><c>x := constant</c>.</summary>
    public void Assign(Variable x, Int128 constant) => Assign(x, Interval.Constant(constant));

    /// <summary><c>x := some value in <paramref name="value"/></c>, forgetting x's relations.</summary>
    public void Assign(Variable x, Interval value)
    {
        Name(x);
        if (value.IsBottom)
        {
            _zone.SetBottom();
            return;
        }

        _zone.Forget(x.Id);
        _zone.Constrain(x.Id, value);
    }

    /// <summary><c>x := y</c>, keeping x equal to y in the zone.</summary>
    public void Assign(Variable x, Variable y) => Assign(x, y, Interval.Constant(0));

    /// <summary><c>x := y + c</c> over the integers (no wrap-around: for pointer offsets and sizes).</summary>
    public void Assign(Variable x, Variable y, Int128 plus) => Assign(x, y, Interval.Constant(plus));

    /// <summary><c>x := y + d</c> for some d in <paramref name="plus"/> over the integers (<c>pkt += r3</c>).</summary>
    public void Assign(Variable x, Variable y, Interval plus)
    {
        Name(x);
        Name(y);
        _zone.Assign(x.Id, y.Id, plus);
    }

    /// <summary>Forgets everything about <paramref name="x"/>.</summary>
    public void Havoc(Variable x) => _zone.Forget(x.Id);

    /// <summary>The values <paramref name="x"/> may hold (bottom when the state is).</summary>
    public Interval IntervalOf(Variable x) => _zone.Bounds(x.Id);

    /// <summary>The values <c>x - y</c> may take (bottom when the state is).</summary>
    public Interval IntervalOf(Variable x, Variable y) =>
        IsBottom ? Interval.Bottom : new(Interval.NegateBound(_zone.DifferenceBound(y.Id, x.Id)), _zone.DifferenceBound(x.Id, y.Id));

    /// <summary>Adds a constraint; <c>x != c</c> refines only when c is an end of x's interval.</summary>
    public void AddConstraint(LinearConstraint constraint)
    {
        var x = constraint.X;
        Name(x);
        var c = constraint.Constant;
        switch (constraint.Kind)
        {
            case ConstraintKind.DifferenceAtMost:
                Name(constraint.Y!.Value);
                _zone.AddDifference(x.Id, constraint.Y!.Value.Id, c);
                break;
            case ConstraintKind.AtMost:
                _zone.Constrain(x.Id, Interval.AtMost(c));
                break;
            case ConstraintKind.AtLeast:
                _zone.Constrain(x.Id, Interval.AtLeast(c));
                break;
            case ConstraintKind.Equal:
                _zone.Constrain(x.Id, Interval.Constant(c));
                break;
            default:
                var bounds = IntervalOf(x);
                if (bounds.Lower == c)
                {
                    _zone.Constrain(x.Id, Interval.AtLeast(c + 1));
                }
                else if (bounds.Upper == c)
                {
                    _zone.Constrain(x.Id, Interval.AtMost(c - 1));
                }

                break;
        }
    }

    /// <summary>Whether every state satisfies <paramref name="constraint"/> (an unreachable one satisfies all).</summary>
    public bool Entails(LinearConstraint constraint)
    {
        if (IsBottom)
        {
            return true;
        }

        var bounds = IntervalOf(constraint.X);
        var c = constraint.Constant;
        return constraint.Kind switch
        {
            ConstraintKind.DifferenceAtMost => _zone.DifferenceBound(constraint.X.Id, constraint.Y!.Value.Id) <= c,
            ConstraintKind.AtMost => bounds.Upper <= c,
            ConstraintKind.AtLeast => bounds.Lower >= c,
            ConstraintKind.Equal => bounds.IsSingleton && bounds.Lower == c,
            _ => !bounds.Contains(c),
        };
    }

    /// <summary>The least upper bound (the state after two paths meet).</summary>
    public NumericDomain Join(NumericDomain other) => new(_zone.Join(other._zone), MergeNames(other));

    /// <summary>The greatest lower bound.</summary>
    public NumericDomain Meet(NumericDomain other) => new(_zone.Meet(other._zone), MergeNames(other));

    /// <summary>Widening at loop heads: unstable bounds go to infinity, unstable differences are dropped.</summary>
    /// <param name="next">The state the next iteration brings.</param>
    /// <param name="thresholds">Sorted values a growing bound stops at before infinity (none: straight to infinity).</param>
    public NumericDomain Widen(NumericDomain next, ReadOnlySpan<Int128> thresholds = default) => new(_zone.Widen(next._zone, thresholds), MergeNames(next));

    /// <summary>Narrowing after widening: only unbounded constraints are refined.</summary>
    public NumericDomain Narrow(NumericDomain next) => new(_zone.Narrow(next._zone), MergeNames(next));

    /// <summary>Whether every concrete state of this one is one of <paramref name="other"/>.</summary>
    public bool LessOrEqual(NumericDomain other) => _zone.LessOrEqual(other._zone);

    /// <summary>
    /// The facts, one per line in a stable order: bounds first, by variable name
    /// (<c>r1.svalue=[0, 14]</c>), then differences (<c>r2.packet_offset-packet_size&lt;=-4</c>).
    /// </summary>
    public IReadOnlyList<string> Facts()
    {
        if (IsBottom)
        {
            return ["bottom"];
        }

        var bounds = new List<string>();
        foreach (var id in _zone.ConstrainedVariables())
        {
            var interval = _zone.Bounds(id);
            if (!interval.IsTop)
            {
                bounds.Add($"{NameOf(id)}={interval}");
            }
        }

        var differences = _zone.Edges()
            .Select(edge => string.Create(CultureInfo.InvariantCulture, $"{NameOf(edge.X)}-{NameOf(edge.Y)}<={edge.C}"));
        bounds.Sort(StringComparer.Ordinal);
        return [.. bounds, .. differences.Order(StringComparer.Ordinal)];
    }

    /// <summary>The facts joined by <c>"; "</c>, or <c>top</c>.</summary>
    public override string ToString()
    {
        var facts = Facts();
        return facts.Count == 0 ? "top" : string.Join("; ", facts);
    }

    private void Name(Variable x) => _names.TryAdd(x.Id, x.Name);

    private string NameOf(int id) => _names.TryGetValue(id, out var name) ? name : $"v{id}";

    /// <summary>Names are the same in every state of one analysis, so merging only adds missing ones.</summary>
    private Dictionary<int, string> MergeNames(NumericDomain other)
    {
        if (!ReferenceEquals(_names, other._names))
        {
            foreach (var (id, name) in other._names)
            {
                _names.TryAdd(id, name);
            }
        }

        return _names;
    }
}
