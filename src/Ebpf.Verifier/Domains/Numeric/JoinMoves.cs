namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// For a join, the variables whose finite bounds differ between the two sides, by direction: a difference
/// <c>x - y</c> that both sides imply only through bounds is lost by the join exactly when one side has both the
/// strictly higher upper bound of <c>x</c> and the strictly higher lower bound of <c>y</c>.
/// </summary>
internal sealed class JoinMoves
{
    private readonly List<int>[] _higherUpper = [[], []];
    private readonly List<int>[] _higherLower = [[], []];

    /// <summary>Records how <paramref name="x"/>'s bounds on the left and right sides compare.</summary>
    public void Note(int x, Interval left, Interval right)
    {
        if (left.IsBottom || right.IsBottom)
        {
            return;
        }

        if (left.Upper != right.Upper && left.Upper != Interval.PlusInfinity && right.Upper != Interval.PlusInfinity)
        {
            _higherUpper[left.Upper > right.Upper ? 0 : 1].Add(x);
        }

        if (left.Lower != right.Lower && left.Lower != Interval.MinusInfinity && right.Lower != Interval.MinusInfinity)
        {
            _higherLower[left.Lower > right.Lower ? 0 : 1].Add(x);
        }
    }

    /// <summary>The pairs (x, y) whose difference one side implies more tightly than the joined bounds do.</summary>
    public IEnumerable<(int X, int Y)> Pairs()
    {
        for (var side = 0; side < 2; side++)
        {
            foreach (var x in _higherUpper[side])
            {
                foreach (var y in _higherLower[side])
                {
                    if (x != y)
                    {
                        yield return (x, y);
                    }
                }
            }
        }
    }
}
