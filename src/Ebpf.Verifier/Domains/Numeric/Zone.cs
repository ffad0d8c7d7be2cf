namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// A zone (difference-bound matrix) kept split, as PREVAIL's SplitDBM: per-variable bounds
/// <c>lo(x) &lt;= x &lt;= hi(x)</c> plus a sparse graph of differences <c>x - y &lt;= c</c> between variables.
/// </summary>
/// <remarks>
/// <para>Invariant ("closed"): every difference derivable through the graph is stored as a direct edge
/// unless the bounds already imply it (<c>hi(x) - lo(y) &lt;= c</c>), and every bound derivable through an
/// edge is already as tight. Operations keep it incrementally: adding <c>x - y &lt;= c</c> combines only the
/// edges into <c>x</c> and out of <c>y</c>; assignments copy the source's edges; forgetting drops edges.
/// The one exception is <see cref="Widen"/>, whose result is left unclosed so that widening chains end;
/// operations on it stay sound, only possibly less precise.</para>
/// <para>Copies are cheap: <see cref="Clone"/> shares rows and bounds, and each side copies a row
/// (or the bounds table) on its first write to it.</para>
/// <para>Difference weights are <see cref="long"/>; a derived weight outside that range is dropped, which only
/// forgets a constraint.</para>
/// </remarks>
internal sealed partial class Zone
{
    private Row?[] _above;   // _above[x][y] = c: x - y <= c
    private Row?[] _below;   // _below[y][x] = c: the same constraint, indexed by y
    private BoundsTable _bounds;
    private object _owner = new();

    /// <summary>Creates the zone with no constraint (top).</summary>
    public Zone()
    {
        _above = [];
        _below = [];
        _bounds = new BoundsTable();
    }

    private Zone(Zone source)
    {
        _above = (Row?[])source._above.Clone();
        _below = (Row?[])source._below.Clone();
        _bounds = source._bounds.Clone();
        source._owner = new object();
        IsBottom = source.IsBottom;
    }

    /// <summary>Whether the constraints are contradictory (no concrete state).</summary>
    public bool IsBottom { get; private set; }

    /// <summary>An independent copy that shares storage until either side writes.</summary>
    public Zone Clone() => new(this);

    /// <summary>Makes the zone bottom.</summary>
    public void SetBottom()
    {
        IsBottom = true;
        _above = [];
        _below = [];
        _bounds = new BoundsTable();
    }

    /// <summary>The bounds of <paramref name="x"/> (bottom when the zone is).</summary>
    public Interval Bounds(int x) => IsBottom ? Interval.Bottom : _bounds[x];

    /// <summary>The tightest known <c>c</c> with <c>x - y &lt;= c</c>, or +inf.</summary>
    public Int128 DifferenceBound(int x, int y)
    {
        if (x == y)
        {
            return 0;
        }

        var best = Interval.PlusInfinity;
        if (Edge(x, y) is long explicitBound)
        {
            best = explicitBound;
        }

        var hi = Bounds(x).Upper;
        var lo = Bounds(y).Lower;
        if (hi != Interval.PlusInfinity && lo != Interval.MinusInfinity)
        {
            best = Int128.Min(best, hi - lo);
        }

        return best;
    }

    /// <summary>Adds <c>lo &lt;= x &lt;= hi</c> and propagates it along the edges of <paramref name="x"/>.</summary>
    public void Constrain(int x, Interval bounds)
    {
        if (IsBottom)
        {
            return;
        }

        var old = Bounds(x);
        var updated = old.Meet(bounds);
        if (updated.IsBottom)
        {
            SetBottom();
            return;
        }

        if (updated == old)
        {
            return;
        }

        WriteBounds(x, updated);
        // One hop suffices: the graph is closed, so every variable reachable from x is a neighbour.
        if (updated.Upper < old.Upper && _below.Length > x && _below[x] is { } into)
        {
            foreach (var (i, d) in into.Edges.ToArray())
            {
                TightenDerived(i, Interval.AtMost(Interval.AddBounds(updated.Upper, d)));
            }
        }

        if (updated.Lower > old.Lower && _above.Length > x && _above[x] is { } from)
        {
            foreach (var (j, e) in from.Edges.ToArray())
            {
                TightenDerived(j, Interval.AtLeast(Interval.AddBounds(updated.Lower, -e)));
            }
        }
    }

    /// <summary>Adds <c>x - y &lt;= c</c>, closing the graph incrementally.</summary>
    public void AddDifference(int x, int y, Int128 c)
    {
        if (IsBottom || c >= Interval.Limit)
        {
            return;
        }

        if (x == y)
        {
            if (c < 0)
            {
                SetBottom();
            }

            return;
        }

        if (DifferenceBound(x, y) <= c)
        {
            return;
        }

        var reverse = DifferenceBound(y, x);
        if (reverse != Interval.PlusInfinity && reverse + c < 0)
        {
            SetBottom();
            return;
        }

        // Every i with i - x <= d and every j with y - j <= e gain i - j <= d + c + e.
        var sources = Neighbours(_below, x);
        var targets = Neighbours(_above, y);
        var changed = new List<(int From, int To, Int128 Weight)>();
        foreach (var (i, d) in sources)
        {
            foreach (var (j, e) in targets)
            {
                var weight = d + c + e;
                if (i == j)
                {
                    if (weight < 0)
                    {
                        SetBottom();
                        return;
                    }

                    continue;
                }

                if (weight < DifferenceBound(i, j))
                {
                    changed.Add((i, j, weight));
                }
            }
        }

        foreach (var (i, j, weight) in changed)
        {
            SetEdge(i, j, weight);
        }

        foreach (var (i, j, weight) in changed)
        {
            // hi(i) <= hi(j) + w and lo(j) >= lo(i) - w.
            TightenDerived(i, Interval.AtMost(Interval.AddBounds(Bounds(j).Upper, weight)));
            TightenDerived(j, Interval.AtLeast(Interval.AddBounds(Bounds(i).Lower, -weight)));
            if (IsBottom)
            {
                return;
            }
        }
    }

    /// <summary>Removes every constraint on <paramref name="x"/>.</summary>
    public void Forget(int x)
    {
        if (IsBottom)
        {
            return;
        }

        if (_above.Length > x && _above[x] is { } from)
        {
            foreach (var y in from.Edges.Keys)
            {
                WritableRow(ref _below, y).Remove(x);
            }

            _above[x] = null;
        }

        if (_below.Length > x && _below[x] is { } into)
        {
            foreach (var i in into.Edges.Keys)
            {
                WritableRow(ref _above, i).Remove(x);
            }

            _below[x] = null;
        }

        _bounds.Set(x, Interval.Top);
    }

    /// <summary><c>x := y + offset</c> for an offset with finite bounds; any other offset forgets the relation.</summary>
    public void Assign(int x, int y, Interval offset)
    {
        if (IsBottom)
        {
            return;
        }

        if (offset.IsBottom)
        {
            SetBottom();
            return;
        }

        var bounds = Bounds(y).Add(offset);
        if (!offset.IsFinite)
        {
            Forget(x);
            Constrain(x, bounds);
            return;
        }

        var (a, b) = (offset.Lower, offset.Upper);
        if (x == y)
        {
            var above = Neighbours(_above, x);
            var below = Neighbours(_below, x);
            Forget(x);
            WriteBounds(x, bounds);
            foreach (var (j, e) in above)
            {
                if (j != x)
                {
                    SetEdge(x, j, e + b);
                }
            }

            foreach (var (i, d) in below)
            {
                if (i != x)
                {
                    SetEdge(i, x, d - a);
                }
            }

            return;
        }

        Forget(x);
        WriteBounds(x, bounds);
        foreach (var (j, e) in Neighbours(_above, y))
        {
            if (j != y)
            {
                SetEdge(x, j, e + b);
            }
        }

        foreach (var (i, d) in Neighbours(_below, y))
        {
            if (i != y)
            {
                SetEdge(i, x, d - a);
            }
        }

        SetEdge(x, y, b);
        SetEdge(y, x, -a);
    }

    /// <summary>How many differences are stored (those the bounds imply are not): the zone's size.</summary>
    public int StoredDifferences => _above.Sum(row => row?.Edges.Count ?? 0);

    /// <summary>The variables with bounds or edges, in id order.</summary>
    public IEnumerable<int> ConstrainedVariables()
    {
        var ids = new SortedSet<int>(_bounds.All().Select(entry => entry.Variable));
        for (var x = 0; x < _above.Length; x++)
        {
            if (_above[x] is { Edges.Count: > 0 } || (_below.Length > x && _below[x] is { Edges.Count: > 0 }))
            {
                ids.Add(x);
            }
        }

        return ids;
    }

    /// <summary>The stored edges <c>x - y &lt;= c</c> (not those the bounds imply), in (x, y) order.</summary>
    public IEnumerable<(int X, int Y, long C)> Edges()
    {
        for (var x = 0; x < _above.Length; x++)
        {
            if (_above[x] is { } row)
            {
                foreach (var (y, c) in row.Edges.OrderBy(pair => pair.Key))
                {
                    yield return (x, y, c);
                }
            }
        }
    }
}
