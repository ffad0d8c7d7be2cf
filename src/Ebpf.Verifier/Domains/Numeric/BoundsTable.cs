namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// The per-variable bounds of a <see cref="Zone"/>, indexed by variable id, in pages of 32 that copies
/// share until one side writes (copy on write, by owner token).
/// </summary>
/// <remarks>
/// A state differs from its predecessor in a few variables, so a copy costs a page array and a write one
/// page; lattice operations on two states of one lineage skip the pages they still share.
/// </remarks>
internal sealed class BoundsTable
{
    private const int PageBits = 5;
    private const int PageSize = 1 << PageBits;
    private Page?[] _pages;
    private object _owner = new();

    /// <summary>Creates a table where every variable is top.</summary>
    public BoundsTable() => _pages = [];

    private BoundsTable(Page?[] pages) => _pages = pages;

    /// <summary>How many page slots there are (a page covers ids [32k, 32k + 31]).</summary>
    public int PageCount => _pages.Length;

    /// <summary>A copy sharing every page; both sides copy a page on their next write to it.</summary>
    public BoundsTable Clone()
    {
        _owner = new object();
        return new BoundsTable((Page?[])_pages.Clone());
    }

    /// <summary>The bounds of variable <paramref name="x"/> (top when never set).</summary>
    public Interval this[int x]
    {
        get
        {
            var index = x >> PageBits;
            return index < _pages.Length && _pages[index] is { } page ? page.Values[x & (PageSize - 1)] : Interval.Top;
        }
    }

    /// <summary>Sets the bounds of <paramref name="x"/>.</summary>
    public void Set(int x, Interval bounds)
    {
        var index = x >> PageBits;
        if (bounds.IsTop && (index >= _pages.Length || _pages[index] is null))
        {
            return;
        }

        if (index >= _pages.Length)
        {
            Array.Resize(ref _pages, Math.Max(index + 1, _pages.Length * 2));
        }

        var page = _pages[index];
        if (page is null)
        {
            var values = new Interval[PageSize];
            Array.Fill(values, Interval.Top);
            page = new Page(_owner, values);
            _pages[index] = page;
        }
        else if (!ReferenceEquals(page.Owner, _owner))
        {
            page = new Page(_owner, (Interval[])page.Values.Clone());
            _pages[index] = page;
        }

        page.Values[x & (PageSize - 1)] = bounds;
    }

    /// <summary>Whether page <paramref name="index"/> is the very same storage in both tables (so equal).</summary>
    public bool SharesPage(BoundsTable other, int index) =>
        ReferenceEquals(index < _pages.Length ? _pages[index] : null, index < other._pages.Length ? other._pages[index] : null);

    /// <summary>
    /// Makes page <paramref name="index"/> of this (fresh) table the same storage as <paramref name="source"/>'s.
    /// The source gives up owning its pages, as in <see cref="Clone"/>, so neither side writes the shared page in place.
    /// </summary>
    public void SharePage(BoundsTable source, int index)
    {
        if (index >= source._pages.Length || source._pages[index] is null)
        {
            return;
        }

        source._owner = new object();
        if (index >= _pages.Length)
        {
            Array.Resize(ref _pages, Math.Max(index + 1, source._pages.Length));
        }

        _pages[index] = source._pages[index];
    }

    /// <summary>The variables of page <paramref name="index"/> whose bounds are not top.</summary>
    public IEnumerable<(int Variable, Interval Bounds)> InPage(int index)
    {
        if (index < _pages.Length && _pages[index] is { } page)
        {
            for (var i = 0; i < PageSize; i++)
            {
                if (!page.Values[i].IsTop)
                {
                    yield return ((index << PageBits) + i, page.Values[i]);
                }
            }
        }
    }

    /// <summary>Every variable whose bounds are not top, in id order.</summary>
    public IEnumerable<(int Variable, Interval Bounds)> All()
    {
        for (var index = 0; index < _pages.Length; index++)
        {
            foreach (var entry in InPage(index))
            {
                yield return entry;
            }
        }
    }

    private sealed record Page(object Owner, Interval[] Values);
}
