using Ebpf.Verifier.Cfg;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Domains;

/// <summary>
/// What the analysis knows at one point: the type of every register, the stack's bytes (initialized or not) and the
/// values spilled on it, the registers callers saved, and the numbers (values, offsets, packet size, loop counters) as
/// one <see cref="NumericDomain"/>.
/// </summary>
/// <remarks>
/// The stacks of all frames are one array of <see cref="StackSize"/> bytes, as PREVAIL lays them out: frame 0 (the
/// program) is the top 512 bytes, frame 1 the 512 below, and so on, so a pointer into a caller's frame is a stack pointer
/// like any other. Offsets count from the bottom of the array; r10 of frame d is <c>StackSize - 512 * d</c>.
/// </remarks>
internal sealed class AbstractState
{
    /// <summary>Bytes of one frame (Linux's <c>MAX_BPF_STACK</c>).</summary>
    public const int FrameSize = 512;

    /// <summary>Bytes of all frames.</summary>
    public const int StackSize = FrameSize * ControlFlowGraphBuilder.MaxFrames;

    // The stack's bytes and cells are shared between a state and its clones until either writes them: most
    // instructions touch neither, and the analysis clones a state for every block and edge.
    private ulong[] _initialized;
    private Dictionary<int, StackCell> _cells;
    private bool _initializedShared;
    private bool _cellsShared;

    private AbstractState(NumericDomain numbers, AbstractType[] registers, ulong[] initialized, Dictionary<int, StackCell> cells, List<AbstractType[]> frames)
    {
        Numbers = numbers;
        Registers = registers;
        _initialized = initialized;
        _cells = cells;
        Frames = frames;
    }

    /// <summary>The numeric facts.</summary>
    public NumericDomain Numbers { get; private set; }

    /// <summary>The type of r0 to r10.</summary>
    public AbstractType[] Registers { get; }

    /// <summary>One bit per stack byte: written on every path.</summary>
    private ulong[] Initialized => _initialized;

    /// <summary>Values spilled on the stack whose type and number are kept, by absolute offset.</summary>
    public IReadOnlyDictionary<int, StackCell> Cells => _cells;

    /// <summary><see cref="Cells"/>, to change: the state's own copy from now on.</summary>
    public Dictionary<int, StackCell> WritableCells
    {
        get
        {
            if (_cellsShared)
            {
                _cells = new Dictionary<int, StackCell>(_cells);
                _cellsShared = false;
            }

            return _cells;
        }
    }

    /// <summary>For each caller frame, outermost first, the types of r0 to r9 it had at the call.</summary>
    public List<AbstractType[]> Frames { get; }

    /// <summary>
    /// The ring buffer records reserved and not yet submitted or discarded, by the slot of their <c>bpf_ringbuf_reserve</c>
    /// (the kernel's acquired references): each must be released before the program exits.
    /// </summary>
    public System.Collections.Immutable.ImmutableSortedSet<int> OpenRecords { get; set; } = [];

    /// <summary>The analysis' variables, for joins that must move numbers between views; null for a fresh bottom.</summary>
    public Variables? Vars { get; set; }

    /// <summary>True when no execution reaches this point.</summary>
    public bool IsBottom => Numbers.IsBottom;

    /// <summary>The unreachable state.</summary>
    public static AbstractState Bottom() =>
        new(NumericDomain.Bottom, new AbstractType[11], new ulong[StackSize / 64], [], []);

    /// <summary>The state at the program's entry: nothing written but r1 (set by the caller) and r10.</summary>
    public static AbstractState Top() =>
        new(NumericDomain.Top, new AbstractType[11], new ulong[StackSize / 64], [], []);

    /// <summary>An independent copy.</summary>
    public AbstractState Clone()
    {
        _initializedShared = true;
        _cellsShared = true;
        return new(Numbers.Clone(), (AbstractType[])Registers.Clone(), _initialized, _cells, Frames.Count == 0 ? [] : [.. Frames.Select(f => (AbstractType[])f.Clone())])
        {
            Vars = Vars,
            OpenRecords = OpenRecords,
            _initializedShared = true,
            _cellsShared = true,
        };
    }

    /// <summary>Makes the state unreachable.</summary>
    public void SetBottom() => Numbers = NumericDomain.Bottom;

    /// <summary>Replaces the numeric facts.</summary>
    public void SetNumbers(NumericDomain numbers) => Numbers = numbers;

    /// <summary>True when every byte of [offset, offset + size) is initialized.</summary>
    public bool IsInitialized(int offset, int size)
    {
        for (var i = offset; i < offset + size; i++)
        {
            if ((Initialized[i >> 6] & (1UL << (i & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Marks [offset, offset + size) as initialized or not.</summary>
    public void SetInitialized(int offset, int size, bool value)
    {
        if (_initializedShared)
        {
            _initialized = (ulong[])_initialized.Clone();
            _initializedShared = false;
        }

        for (var i = offset; i < offset + size; i++)
        {
            if (value)
            {
                Initialized[i >> 6] |= 1UL << (i & 63);
            }
            else
            {
                Initialized[i >> 6] &= ~(1UL << (i & 63));
            }
        }
    }

    /// <summary>The least state above both (<paramref name="widen"/>: with the numeric widening, for loop heads, stopping
    /// at <paramref name="thresholds"/> when given).</summary>
    public static AbstractState Join(AbstractState a, AbstractState b, bool widen = false, System.Collections.Immutable.ImmutableArray<Int128> thresholds = default)
    {
        if (a.IsBottom)
        {
            return b.Clone();
        }

        if (b.IsBottom)
        {
            return a.Clone();
        }

        var vars = a.Vars ?? b.Vars;
        if (vars is not null)
        {
            (a, b) = (NullAsPointer(a, b, vars), NullAsPointer(b, a, vars));
        }

        var registers = new AbstractType[11];
        for (var r = 0; r < registers.Length; r++)
        {
            registers[r] = AbstractType.Join(a.Registers[r], b.Registers[r]);
        }

        var sameBytes = ReferenceEquals(a._initialized, b._initialized);
        var initialized = sameBytes ? a._initialized : new ulong[a.Initialized.Length];
        for (var i = 0; !sameBytes && i < initialized.Length; i++)
        {
            initialized[i] = a.Initialized[i] & b.Initialized[i];
        }

        var sameCells = ReferenceEquals(a._cells, b._cells);
        var cells = sameCells ? a._cells : [];
        foreach (var (offset, cell) in sameCells ? [] : a._cells)
        {
            if (b.Cells.TryGetValue(offset, out var other) && other.Width == cell.Width)
            {
                cells[offset] = new StackCell(cell.Width, AbstractType.Join(cell.Type, other.Type));
            }
        }

        var frames = new List<AbstractType[]>(a.Frames.Count);
        for (var f = 0; f < Math.Min(a.Frames.Count, b.Frames.Count); f++)
        {
            frames.Add([.. a.Frames[f].Zip(b.Frames[f], AbstractType.Join)]);
        }

        var numbers = widen ? a.Numbers.Widen(b.Numbers, thresholds.IsDefault ? default : thresholds.AsSpan()) : a.Numbers.Join(b.Numbers);
        if (sameBytes)
        {
            a._initializedShared = b._initializedShared = true;
        }

        if (sameCells)
        {
            a._cellsShared = b._cellsShared = true;
        }

        return new AbstractState(numbers, registers, initialized, cells, frames)
        {
            Vars = vars,
            OpenRecords = a.OpenRecords.Union(b.OpenRecords),
            _initializedShared = sameBytes,
            _cellsShared = sameCells,
        };
    }

    /// <summary>
    /// Where <paramref name="state"/> holds the number 0 and <paramref name="other"/> a pointer, a copy of the state that
    /// holds that pointer's type, maybe null, at offset 0: the null side of a null check (the kernel makes it the number 0)
    /// joins with the other side into a pointer that may be null, which a later check can refine again.
    /// </summary>
    private static AbstractState NullAsPointer(AbstractState state, AbstractState other, Variables vars)
    {
        AbstractState? copy = null;
        for (var r = 0; r <= 9; r++)
        {
            var pointer = other.Registers[r];
            if (state.Registers[r].Kind != ValueKind.Number || !pointer.IsPointer
                || state.Numbers.IntervalOf(vars.Registers[r].Value.Signed) is not { IsSingleton: true } value || value.Lower != 0)
            {
                continue;
            }

            copy ??= state.Clone();
            copy.Registers[r] = pointer with { MaybeNull = true };
            copy.Numbers.Assign(vars.Registers[r].Offset, 0);
        }

        return copy ?? state;
    }

    /// <summary>The numeric narrowing of <paramref name="a"/> by <paramref name="b"/>; types and stack come from <paramref name="b"/>.</summary>
    public static AbstractState Narrow(AbstractState a, AbstractState b)
    {
        if (a.IsBottom || b.IsBottom)
        {
            return b.Clone();
        }

        var result = b.Clone();
        result.Numbers = a.Numbers.Narrow(b.Numbers);
        return result;
    }

    /// <summary>True when every execution <paramref name="a"/> describes is one <paramref name="b"/> describes.</summary>
    public static bool LessOrEqual(AbstractState a, AbstractState b)
    {
        if (a.IsBottom)
        {
            return true;
        }

        if (b.IsBottom)
        {
            return false;
        }

        for (var r = 0; r < a.Registers.Length; r++)
        {
            if (!AbstractType.LessOrEqual(a.Registers[r], b.Registers[r]))
            {
                return false;
            }
        }

        for (var i = 0; i < a.Initialized.Length; i++)
        {
            if ((b.Initialized[i] & ~a.Initialized[i]) != 0)
            {
                return false;
            }
        }

        foreach (var (offset, cell) in b.Cells)
        {
            if (!a.Cells.TryGetValue(offset, out var mine) || mine.Width != cell.Width || !AbstractType.LessOrEqual(mine.Type, cell.Type))
            {
                return false;
            }
        }

        for (var f = 0; f < Math.Min(a.Frames.Count, b.Frames.Count); f++)
        {
            for (var r = 0; r < a.Frames[f].Length; r++)
            {
                if (!AbstractType.LessOrEqual(a.Frames[f][r], b.Frames[f][r]))
                {
                    return false;
                }
            }
        }

        return a.OpenRecords.IsSubsetOf(b.OpenRecords) && a.Numbers.LessOrEqual(b.Numbers);
    }
}
