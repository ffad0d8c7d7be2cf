namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>The lattice operations of the zone.</summary>
internal sealed partial class Zone
{
    /// <summary>The least upper bound: looser bound and looser difference of the two, per pair.</summary>
    /// <remarks>Differences are compared in full (stored or implied by bounds), so a constraint one side
    /// stores and the other only implies survives, and so does one both sides imply only by their bounds; the join
    /// of closed zones is closed (up to <see cref="MaxMaterialisedPairs"/>).</remarks>
    public Zone Join(Zone other)
    {
        if (IsBottom)
        {
            return other.Clone();
        }

        if (other.IsBottom)
        {
            return Clone();
        }

        var result = new Zone();
        var moved = new JoinMoves();
        var pages = Math.Max(_bounds.PageCount, other._bounds.PageCount);
        for (var page = 0; page < pages; page++)
        {
            if (_bounds.SharesPage(other._bounds, page))
            {
                result._bounds.SharePage(_bounds, page);
                continue;
            }

            foreach (var (x, bounds) in _bounds.InPage(page))
            {
                var theirs = other._bounds[x];
                result.WriteBounds(x, bounds.Join(theirs));
                moved.Note(x, bounds, theirs);
            }
        }

        foreach (var (x, y, _) in UnorderedEdges().Concat(other.UnorderedEdges()))
        {
            result.KeepJoinedDifference(this, other, x, y);
        }

        // Differences neither side stores but each implies through its bounds (x - y <= hi(x) - lo(y)) are lost
        // by joining the bounds when one side has the higher hi(x) and also the higher lo(y): {x=y=0} and {x=y=1}
        // give x, y in [0, 1] but both sides say x - y <= 0. Those pairs are materialised, as SplitDBM's join does.
        var budget = MaxMaterialisedPairs;
        foreach (var (x, y) in moved.Pairs())
        {
            if (budget-- == 0)
            {
                break;
            }

            result.KeepJoinedDifference(this, other, x, y);
        }

        return result;
    }

    /// <summary>Pairs whose implied difference a join materialises at most (more only costs precision).</summary>
    public const int MaxMaterialisedPairs = 512;

    /// <summary>Stores the looser of the two sides' bounds on <c>x - y</c> in this join, unless already stored.</summary>
    private void KeepJoinedDifference(Zone left, Zone right, int x, int y)
    {
        if (x == y || Edge(x, y) is not null)
        {
            return;
        }

        var weight = Int128.Max(left.DifferenceBound(x, y), right.DifferenceBound(x, y));
        if (weight != Interval.PlusInfinity)
        {
            SetEdge(x, y, weight);
        }
    }

    /// <summary>The greatest lower bound: both sets of constraints, closed again.</summary>
    public Zone Meet(Zone other)
    {
        var result = Clone();
        if (other.IsBottom)
        {
            result.SetBottom();
            return result;
        }

        for (var page = 0; page < other._bounds.PageCount; page++)
        {
            if (!_bounds.SharesPage(other._bounds, page))
            {
                foreach (var (x, bounds) in other._bounds.InPage(page))
                {
                    result.Constrain(x, bounds);
                }
            }
        }

        foreach (var (x, y, c) in other.UnorderedEdges())
        {
            result.AddDifference(x, y, c);
        }

        return result;
    }

    /// <summary>Widening: keeps the bounds and differences of this zone that <paramref name="next"/> still satisfies.</summary>
    /// <remarks>The result is not closed again, which is what makes increasing chains finite. Bounds that grow stop at
    /// the next of <paramref name="thresholds"/> (sorted) when given.</remarks>
    public Zone Widen(Zone next, ReadOnlySpan<Int128> thresholds = default)
    {
        if (IsBottom)
        {
            return next.Clone();
        }

        if (next.IsBottom)
        {
            return Clone();
        }

        var result = new Zone();
        for (var page = 0; page < _bounds.PageCount; page++)
        {
            if (_bounds.SharesPage(next._bounds, page))
            {
                result._bounds.SharePage(_bounds, page);
                continue;
            }

            foreach (var (x, bounds) in _bounds.InPage(page))
            {
                result.WriteBounds(x, thresholds.IsEmpty ? bounds.Widen(next.Bounds(x)) : bounds.Widen(next.Bounds(x), thresholds));
            }
        }

        foreach (var (x, y, c) in UnorderedEdges())
        {
            if (next.DifferenceBound(x, y) <= c)
            {
                result.WritableRow(ref result._above, x)[y] = c;
                result.WritableRow(ref result._below, y)[x] = c;
            }
        }

        return result;
    }

    /// <summary>Narrowing: refines only what this zone leaves unbounded, with <paramref name="next"/>'s constraints.</summary>
    public Zone Narrow(Zone next)
    {
        var result = Clone();
        if (next.IsBottom)
        {
            result.SetBottom();
            return result;
        }

        if (IsBottom)
        {
            return result;
        }

        foreach (var (x, bounds) in next._bounds.All())
        {
            var own = Bounds(x);
            result.Constrain(x, own.Narrow(bounds));
        }

        foreach (var (x, y, c) in next.UnorderedEdges())
        {
            if (DifferenceBound(x, y) == Interval.PlusInfinity)
            {
                result.AddDifference(x, y, c);
            }
        }

        return result;
    }

    /// <summary>Whether every state of this zone is a state of <paramref name="other"/>.</summary>
    public bool LessOrEqual(Zone other)
    {
        if (IsBottom)
        {
            return true;
        }

        if (other.IsBottom)
        {
            return false;
        }

        for (var page = 0; page < other._bounds.PageCount; page++)
        {
            if (_bounds.SharesPage(other._bounds, page))
            {
                continue;
            }

            foreach (var (x, bounds) in other._bounds.InPage(page))
            {
                if (!Bounds(x).LessOrEqual(bounds))
                {
                    return false;
                }
            }
        }

        foreach (var (x, y, c) in other.UnorderedEdges())
        {
            if (DifferenceBound(x, y) > c)
            {
                return false;
            }
        }

        return true;
    }
}
