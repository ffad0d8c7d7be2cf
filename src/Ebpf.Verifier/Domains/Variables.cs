using System.Globalization;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Domains;

/// <summary>
/// The numeric variables of one analysis, made once and cached so transfer functions never format names: each
/// register's value views and pointer offset, each stack cell's, each saved caller register's, the packet's size and
/// the start of its metadata.
/// </summary>
internal sealed class Variables
{
    private readonly Dictionary<int, (ValueViews Value, Variable Offset)> _cells = [];
    private readonly Dictionary<(int Depth, int Register), (ValueViews Value, Variable Offset)> _saved = [];

    /// <summary>Creates the variables of the registers and the packet.</summary>
    public Variables(VariableFactory factory)
    {
        Factory = factory;
        Registers = new (ValueViews, Variable)[11];
        for (var r = 0; r <= 10; r++)
        {
            Registers[r] = (factory.RegisterValue(r), factory.Register(r, "offset"));
        }

        PacketSize = factory.Get("packet_size");
        MetaOffset = factory.Get("meta_offset");
    }

    /// <summary>The factory every state of the analysis shares.</summary>
    public VariableFactory Factory { get; }

    /// <summary>Per register: <c>rN.svalue</c>/<c>rN.uvalue</c> and <c>rN.offset</c>.</summary>
    public (ValueViews Value, Variable Offset)[] Registers { get; }

    /// <summary><c>packet_size</c>: <c>data_end - data</c>.</summary>
    public Variable PacketSize { get; }

    /// <summary><c>meta_offset</c>: <c>data_meta - data</c>, at most 0.</summary>
    public Variable MetaOffset { get; }

    /// <summary>The variables of the stack cell at absolute offset <paramref name="offset"/>.</summary>
    public (ValueViews Value, Variable Offset) Cell(int offset)
    {
        if (!_cells.TryGetValue(offset, out var cell))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"stack[{offset}]");
            cell = (new ValueViews(Factory.Get(name + ".svalue"), Factory.Get(name + ".uvalue")), Factory.Get(name + ".offset"));
            _cells[offset] = cell;
        }

        return cell;
    }

    /// <summary>The variables of register <paramref name="register"/> of the caller at frame <paramref name="depth"/>, saved during a call.</summary>
    public (ValueViews Value, Variable Offset) Saved(int depth, int register)
    {
        if (!_saved.TryGetValue((depth, register), out var saved))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"frame{depth}.r{register}");
            saved = (new ValueViews(Factory.Get(name + ".svalue"), Factory.Get(name + ".uvalue")), Factory.Get(name + ".offset"));
            _saved[(depth, register)] = saved;
        }

        return saved;
    }

}
