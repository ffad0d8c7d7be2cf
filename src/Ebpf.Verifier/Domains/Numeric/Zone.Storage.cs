namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>The zone's storage: edge rows shared copy-on-write, bounds, and the helpers that keep them mirrored.</summary>
internal sealed partial class Zone
{
    private long? Edge(int x, int y) =>
        _above.Length > x && _above[x] is { } row && row.Edges.TryGetValue(y, out var c) ? c : null;

    /// <summary>Tightens a bound derived from an edge: the graph is closed, so no further hop is needed.</summary>
    private void TightenDerived(int x, Interval bounds)
    {
        if (IsBottom)
        {
            return;
        }

        var updated = Bounds(x).Meet(bounds);
        if (updated.IsBottom)
        {
            SetBottom();
        }
        else if (updated != Bounds(x))
        {
            WriteBounds(x, updated);
        }
    }

    /// <summary>Stores <c>x - y &lt;= weight</c>, unless the bounds imply it or it does not fit a <see cref="long"/>.</summary>
    private void SetEdge(int x, int y, Int128 weight)
    {
        var hi = Bounds(x).Upper;
        var lo = Bounds(y).Lower;
        var implied = hi != Interval.PlusInfinity && lo != Interval.MinusInfinity && hi - lo <= weight;
        if (implied || weight > long.MaxValue || weight < long.MinValue)
        {
            return;
        }

        WritableRow(ref _above, x)[y] = (long)weight;
        WritableRow(ref _below, y)[x] = (long)weight;
    }

    private void WriteBounds(int x, Interval bounds) => _bounds.Set(x, bounds);

    /// <summary>Every stored edge, in no particular order (for the lattice operations).</summary>
    private IEnumerable<(int X, int Y, long C)> UnorderedEdges()
    {
        for (var x = 0; x < _above.Length; x++)
        {
            if (_above[x] is { } row)
            {
                foreach (var (y, c) in row.Edges)
                {
                    yield return (x, y, c);
                }
            }
        }
    }

    /// <summary>The row's entries plus the variable itself at distance 0.</summary>
    private static List<(int Variable, Int128 Weight)> Neighbours(Row?[] rows, int x)
    {
        var result = new List<(int, Int128)> { (x, 0) };
        if (rows.Length > x && rows[x] is { } row)
        {
            foreach (var (y, c) in row.Edges)
            {
                result.Add((y, c));
            }
        }

        return result;
    }

    private Dictionary<int, long> WritableRow(ref Row?[] rows, int x)
    {
        if (rows.Length <= x)
        {
            Array.Resize(ref rows, Math.Max(x + 1, rows.Length * 2));
        }

        var row = rows[x];
        if (row is null)
        {
            row = new Row(_owner, []);
            rows[x] = row;
        }
        else if (!ReferenceEquals(row.Owner, _owner))
        {
            row = new Row(_owner, new Dictionary<int, long>(row.Edges));
            rows[x] = row;
        }

        return row.Edges;
    }

    /// <summary>One variable's edges; shared between copies until written (copy on write, by owner).</summary>
    private sealed record Row(object Owner, Dictionary<int, long> Edges);
}
