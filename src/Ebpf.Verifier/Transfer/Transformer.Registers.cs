using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    /// <summary>Forgets a register: unwritten, no numbers.</summary>
    private void SetUninitialized(AbstractState state, int register)
    {
        state.Registers[register] = AbstractType.Uninitialized;
        Forget(state, register);
    }

    /// <summary>Makes a register a number in <paramref name="signed"/> (its signed view), the unsigned view following.</summary>
    private void SetNumber(AbstractState state, int register, Interval signed)
    {
        state.Registers[register] = AbstractType.Number;
        var (value, offset) = Vars.Registers[register];
        NumberOps.SetSigned(state, value, signed);
        NumberOps.Havoc(state, offset);
    }

    /// <summary>Makes a register the constant <paramref name="constant"/>.</summary>
    private void SetConstant(AbstractState state, int register, ulong constant)
    {
        state.Registers[register] = AbstractType.Number;
        var (value, offset) = Vars.Registers[register];
        NumberOps.SetConstant(state, value, constant);
        NumberOps.Havoc(state, offset);
    }

    /// <summary>Makes a register a pointer at the constant offset <paramref name="offset"/>.</summary>
    private void SetPointer(AbstractState state, int register, AbstractType type, long offset)
    {
        state.Registers[register] = type;
        var (value, offsetVariable) = Vars.Registers[register];
        NumberOps.Havoc(state, value);
        NumberOps.SetConstant(state, offsetVariable, offset);
    }

    /// <summary>Makes a register a pointer whose offset is the variable <paramref name="offset"/>.</summary>
    private void SetPointer(AbstractState state, int register, AbstractType type, Variable offset)
    {
        state.Registers[register] = type;
        var (value, offsetVariable) = Vars.Registers[register];
        NumberOps.Havoc(state, value);
        NumberOps.Copy(state, offsetVariable, offset);
    }

    /// <summary>r10 of frame <paramref name="depth"/>: the top of its 512 bytes in the stack array.</summary>
    private void SetFramePointer(AbstractState state, int depth) =>
        SetPointer(state, 10, new AbstractType(ValueKind.Stack), FrameTop(depth));

    /// <summary>The absolute offset of r10 in frame <paramref name="depth"/>.</summary>
    public static int FrameTop(int depth) => AbstractState.StackSize - (AbstractState.FrameSize * depth);

    /// <summary>Copies a register's type and numbers into another.</summary>
    private void CopyRegister(AbstractState state, int to, int from)
    {
        if (to == from)
        {
            return;
        }

        state.Registers[to] = state.Registers[from];
        var (toValue, toOffset) = Vars.Registers[to];
        var (fromValue, fromOffset) = Vars.Registers[from];
        NumberOps.Copy(state, toValue, fromValue);
        NumberOps.Copy(state, toOffset, fromOffset);
    }

    private void Forget(AbstractState state, int register)
    {
        var (value, offset) = Vars.Registers[register];
        NumberOps.Havoc(state, value);
        NumberOps.Havoc(state, offset);
    }

    /// <summary>The signed interval of a number register.</summary>
    private Interval Signed(AbstractState state, int register) => NumberOps.Of(state, Vars.Registers[register].Value.Signed);

    /// <summary>The unsigned interval of a number register.</summary>
    private Interval Unsigned(AbstractState state, int register) => NumberOps.Of(state, Vars.Registers[register].Value.Unsigned);

    /// <summary>The interval of a pointer register's offset.</summary>
    private Interval Offset(AbstractState state, int register) => NumberOps.Of(state, Vars.Registers[register].Offset);

    /// <summary>Describes a register for messages: <c>packet+[0, 14]</c>, <c>a number in [0, 255]</c>.</summary>
    public string Describe(AbstractState state, int register)
    {
        var type = state.Registers[register];
        return type.Kind switch
        {
            ValueKind.Uninitialized => "nothing (never written)",
            ValueKind.Number => $"a number in {Signed(state, register)}",
            ValueKind.Mixed => "values of different types on different paths",
            ValueKind.MapPointer => $"the map {MapName(type.Map)}",
            ValueKind.Function => $"the function at instruction {type.Size}",
            ValueKind.Socket => type.MaybeNull ? "a socket or null" : "a socket",
            ValueKind.BtfObject => $"{(type.Untrusted ? "untrusted " : "")}{RegionName(type)}+{Offset(state, register)}{(type.MaybeNull ? " (maybe null)" : "")}",
            _ => $"{RegionName(type)}+{Offset(state, register)}{(type.MaybeNull ? " (maybe null)" : "")}",
        };
    }

    private string MapName(int map) => map >= 0 && map < Maps.Length ? Maps[map].Name : $"#{map}";

    private string RegionName(AbstractType type) => type.Kind switch
    {
        ValueKind.Context => "ctx",
        ValueKind.Stack => "stack",
        ValueKind.Packet => "packet",
        ValueKind.PacketEnd => "data_end",
        ValueKind.PacketMeta => "packet",
        ValueKind.MapValue when type.Map < 0 => $"map_value(one of the maps with {Maps[type.Layout].ValueSize}-byte values)",
        ValueKind.MapValue => $"map_value({MapName(type.Map)})",
        ValueKind.MapKey => $"map_key({MapName(type.Map)})",
        ValueKind.Record => $"ringbuf_record({type.Size} bytes)",
        ValueKind.BtfObject => $"ptr_to_btf_id({BtfName(type.TypeId)})",
        _ => type.Kind.ToString(),
    };
}
