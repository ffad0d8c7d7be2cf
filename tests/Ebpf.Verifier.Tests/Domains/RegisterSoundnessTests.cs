using Ebpf.Testing;
using Ebpf.Core.Isa;
using Ebpf.Verifier.Domains.Numeric;
using FsCheck;
using FsCheck.Fluent;
using Interval = Ebpf.Verifier.Domains.Numeric.Interval;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>
/// The register operations of <see cref="NumericDomain"/> (both views, zone relations, branches) keep every
/// concrete register file they started from: run the instruction concretely, the result is in the abstract state.
/// </summary>
public sealed class RegisterSoundnessTests
{
    /// <summary>A concrete register value and the abstract facts that hold of it.</summary>
    /// <param name="Value">The concrete 64-bit value.</param>
    /// <param name="SignedOther">Another value: the signed view is the hull of both (when constrained).</param>
    /// <param name="UnsignedOther">Another value: the unsigned view is the hull of both (when constrained).</param>
    /// <param name="Constrain">Which views get bounds (bit 0 signed, bit 1 unsigned).</param>
    internal sealed record Register(ulong Value, ulong SignedOther, ulong UnsignedOther, int Constrain);

    private static readonly Gen<Register> Registers =
        from value in Samples.Value
        from signedOther in Gen.Frequency((3, Samples.Value), (1, Gen.Constant(value)))
        from unsignedOther in Gen.Frequency((3, Samples.Value), (1, Gen.Constant(value)))
        from constrain in Gen.Choose(0, 3)
        select new Register(value, signedOther, unsignedOther, constrain);

    private static Interval Hull(Int128 a, Int128 b) => new(Int128.Min(a, b), Int128.Max(a, b));

    private static void Abstract(NumericDomain state, ValueViews views, Register register)
    {
        if ((register.Constrain & 1) != 0)
        {
            state.Assign(views.Signed, Hull((long)register.Value, (long)register.SignedOther));
        }

        if ((register.Constrain & 2) != 0)
        {
            state.Assign(views.Unsigned, Hull(register.Value, register.UnsignedOther));
        }
    }

    private static bool Holds(NumericDomain state, ValueViews views, ulong value) =>
        !state.IsBottom && state.IntervalOf(views.Signed).Contains((long)value) && state.IntervalOf(views.Unsigned).Contains(value);

    [Fact]
    public void Every_alu_operation_on_registers_or_immediates_keeps_the_concrete_result_in_both_views()
    {
        var cases =
            from operation in Gen.Elements(Samples.AluOperations)
            from width in Gen.Elements(32, 64)
            from dst in Registers
            from src in Registers
            from shape in Gen.Choose(0, 3) // 0: immediate, 1: register, 2: same register, 3: register related to dst
            from immediate in Gen.Frequency((3, Gen.Choose(-40, 70)), (1, Gen.Choose(int.MinValue, int.MaxValue)))
            from slack in Gen.Choose(0, 5)
            select (operation, width, dst, src, shape, immediate, slack);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var variables = new VariableFactory();
            var (r1, r2) = (variables.RegisterValue(1), variables.RegisterValue(2));
            var state = NumericDomain.Top;
            Abstract(state, r1, c.dst);
            Abstract(state, r2, c.src);
            var srcValue = c.shape switch { 0 => (ulong)(long)c.immediate, 2 => c.dst.Value, _ => c.src.Value };
            if (c.shape == 3)
            {
                // r1 - r2 within [d - slack, d + slack] in the signed view, where the difference does not wrap.
                var difference = (Int128)(long)c.dst.Value - (long)c.src.Value;
                state.AddConstraint(LinearConstraint.Difference(r1.Signed, r2.Signed, difference + c.slack));
                state.AddConstraint(LinearConstraint.Difference(r2.Signed, r1.Signed, -difference + c.slack));
            }

            var before = state.ToString();
            switch (c.shape)
            {
                case 0: state.Apply(c.operation, c.width, r1, c.immediate); break;
                case 2: state.Apply(c.operation, c.width, r1, r1); break;
                default: state.Apply(c.operation, c.width, r1, r2); break;
            }

            var expected = ConcreteAlu.Run(c.operation, c.width, c.dst.Value, srcValue);
            var srcKept = c.shape is 0 or 2 || Holds(state, r2, c.src.Value);
            return (Holds(state, r1, expected) && srcKept)
                .Label($"{c.operation}{c.width} {c.dst.Value:x} op {srcValue:x} = {expected:x}; before: {before}; after: {state}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d003), 20000);
    }

    [Fact]
    public void Branch_refinement_keeps_the_concrete_operands_on_the_edge_they_take()
    {
        var cases =
            from condition in Gen.Elements(Samples.Conditions)
            from is32 in Gen.Elements(false, true)
            from left in Registers
            from right in Registers
            from immediate in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(-40, 70).Select(v => (int?)v)), (1, Gen.Choose(int.MinValue, int.MaxValue).Select(v => (int?)v)))
            select (condition, is32, left, right, immediate);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var variables = new VariableFactory();
            var (r1, r2) = (variables.RegisterValue(1), variables.RegisterValue(2));
            var state = NumericDomain.Top;
            Abstract(state, r1, c.left);
            Abstract(state, r2, c.right);
            var rightValue = c.immediate is int imm ? (ulong)(long)imm : c.right.Value;
            var taken = ConcreteAlu.Holds(c.condition, c.left.Value, rightValue, c.is32);
            var before = state.ToString();
            if (c.immediate is int immediate)
            {
                state.Assume(c.condition, r1, immediate, c.is32, taken);
            }
            else
            {
                state.Assume(c.condition, r1, r2, c.is32, taken);
            }

            return (Holds(state, r1, c.left.Value) && Holds(state, r2, c.right.Value))
                .Label($"{c.condition}{(c.is32 ? "32" : "")} {c.left.Value:x} vs {rightValue:x} taken={taken}; before: {before}; after: {state}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d004), 20000);
    }

    [Fact]
    public void Sign_extension_and_byte_order_operations_keep_the_concrete_result()
    {
        var cases =
            from register in Registers
            from bits in Gen.Elements(8, 16, 32, 64)
            from width in Gen.Elements(32, 64)
            from swaps in Gen.Elements(false, true)
            select (register, bits, width, swaps);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var variables = new VariableFactory();
            var (r1, r2) = (variables.RegisterValue(1), variables.RegisterValue(2));
            var extended = NumericDomain.Top;
            Abstract(extended, r2, c.register);
            var fromBits = Math.Min(c.bits, c.width == 32 ? 16 : 32);
            extended.SignExtend(r1, r2, fromBits, c.width);
            var signExtended = fromBits switch { 8 => (ulong)(sbyte)c.register.Value, 16 => (ulong)(short)c.register.Value, _ => (ulong)(int)c.register.Value };
            var expectedExtension = c.width == 32 ? (uint)signExtended : signExtended;

            var ordered = NumericDomain.Top;
            Abstract(ordered, r1, c.register);
            var bytes = c.bits == 8 ? 16 : c.bits;
            ordered.ApplyByteOrder(r1, bytes, c.swaps);
            var low = bytes == 64 ? c.register.Value : c.register.Value & ((1UL << bytes) - 1);
            var expectedOrder = !c.swaps ? low : bytes switch
            {
                16 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)low),
                32 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)low),
                _ => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(low),
            };
            return (Holds(extended, r1, expectedExtension) && Holds(ordered, r1, expectedOrder))
                .Label($"movsx{fromBits}->{c.width} {c.register.Value:x} = {expectedExtension:x}: {extended}; order{bytes} swap={c.swaps} = {expectedOrder:x}: {ordered}");
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_d005), 10000);
    }
}
