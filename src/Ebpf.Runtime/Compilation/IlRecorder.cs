using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Emits IL into a method and, when asked, writes what it emitted as text at the same time, so that
/// <c>ebpf prog dump jited</c> shows exactly the IL RyuJIT received, with the eBPF instruction each part came from.
/// </summary>
internal sealed class IlRecorder(ILGenerator il, StringBuilder? listing)
{
    private readonly Dictionary<Label, string> _labelNames = [];
    private readonly Dictionary<int, string> _localNames = [];

    public Label DefineLabel()
    {
        var label = il.DefineLabel();
        if (listing is not null)
        {
            _labelNames[label] = "L" + _labelNames.Count.ToString(CultureInfo.InvariantCulture);
        }

        return label;
    }

    public LocalBuilder DeclareLocal(Type type, string name)
    {
        var local = il.DeclareLocal(type);
        if (listing is not null)
        {
            _localNames[local.LocalIndex] = name;
        }

        return local;
    }

    public void MarkLabel(Label label)
    {
        il.MarkLabel(label);
        if (listing is not null)
        {
            listing.Append(_labelNames[label]).Append(':').AppendLine();
        }
    }

    /// <summary>Whether a listing is being written (comments cost nothing otherwise, so callers skip building them).</summary>
    public bool IsRecording => listing is not null;

    /// <summary>A comment line in the listing: the eBPF instruction the following IL implements.</summary>
    public void Comment(string text) => listing?.Append("  // ").AppendLine(text);

    public void Emit(OpCode op)
    {
        Line(op, null);
        il.Emit(op);
    }

    /// <summary>Loads argument <paramref name="index"/> (short form).</summary>
    public void LoadArgument(int index)
    {
        Line(OpCodes.Ldarg_S, listing is null ? null : index.ToString(CultureInfo.InvariantCulture));
        il.Emit(OpCodes.Ldarg_S, (byte)index);
    }

    public void Emit(OpCode op, int operand)
    {
        Line(op, listing is null ? null : operand.ToString(CultureInfo.InvariantCulture));
        il.Emit(op, operand);
    }

    public void Emit(OpCode op, long operand)
    {
        Line(op, listing is null ? null : "0x" + operand.ToString("x", CultureInfo.InvariantCulture));
        il.Emit(op, operand);
    }

    public void Emit(OpCode op, string operand)
    {
        Line(op, listing is null ? null : "\"" + operand + "\"");
        il.Emit(op, operand);
    }

    public void Emit(OpCode op, Label label)
    {
        Line(op, listing is null ? null : _labelNames[label]);
        il.Emit(op, label);
    }

    public void Emit(OpCode op, LocalBuilder local)
    {
        Line(op, listing is null ? null : _localNames[local.LocalIndex]);
        il.Emit(op, local);
    }

    public void Emit(OpCode op, MethodInfo method)
    {
        Line(op, listing is null ? null : method is DynamicMethod ? method.Name : $"{method.DeclaringType?.Name}::{method.Name}");
        il.Emit(op, method);
    }

    public void Emit(OpCode op, FieldInfo field)
    {
        Line(op, listing is null ? null : $"{field.DeclaringType?.Name}::{field.Name}");
        il.Emit(op, field);
    }

    private void Line(OpCode op, string? operand)
    {
        if (listing is null)
        {
            return;
        }

        listing.Append("    IL_").Append(il.ILOffset.ToString("x4", CultureInfo.InvariantCulture)).Append(": ").Append(op.Name);
        if (operand is not null)
        {
            listing.Append(' ').Append(operand);
        }

        listing.AppendLine();
    }
}
