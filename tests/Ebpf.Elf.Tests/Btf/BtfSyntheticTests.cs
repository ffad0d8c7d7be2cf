using System.Buffers.Binary;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Hand-written <c>.BTF</c>: kinds clang 14 does not emit, edge cases, and the ways input can be broken.</summary>
public sealed class BtfSyntheticTests
{
    [Fact]
    public void Enum64_values_keep_all_64_bits_and_their_signedness()
    {
        var b = new BtfBuilder();
        var unsigned = b.Add(BtfKind.Enum64, "big", 1, 8, false, b.String("TOP"), 0xffffffff, 0xffffffff);
        var signed = b.Add(BtfKind.Enum64, "offset", 1, 8, true, b.String("BACK"), 0xfffffffe, 0xffffffff);
        var narrow = b.Add(BtfKind.Enum, "small", 1, 4, true, b.String("MINUS"), unchecked((uint)-3));
        var btf = BtfSpec.Parse(b.Build());

        var top = Assert.IsType<BtfEnum>(btf[unsigned]);
        Assert.Equal(BtfKind.Enum64, top.Kind);
        Assert.Equal(ulong.MaxValue, top.Values[0].UnsignedValue);
        Assert.Equal(-2L, Assert.IsType<BtfEnum>(btf[signed]).Values[0].Value);
        Assert.Equal(-3L, Assert.IsType<BtfEnum>(btf[narrow]).Values[0].Value);
        Assert.Equal("enum big", btf.FormatType(unsigned));
        Assert.Equal(8u, btf.SizeOf(unsigned));
    }

    [Fact]
    public void Pointers_and_qualifiers_format_as_C_writes_them()
    {
        var b = new BtfBuilder();
        var ch = b.Int("char", 1, BtfIntEncoding.Signed);
        var voidPointer = b.Pointer(0);
        var charPointerPointer = b.Pointer(b.Pointer(ch));
        var constCharPointer = b.Pointer(b.Const(ch));
        var charConstPointer = b.Const(b.Pointer(ch));
        var variadic = b.FunctionProto(b.Int("int", 4, BtfIntEncoding.Signed), ("", constCharPointer), ("", 0));
        var noParameters = b.FunctionProto(0);
        var arrayOfPointers = b.Array(b.Pointer(ch), b.Int("__ARRAY_SIZE_TYPE__", 4), 4);
        var btf = BtfSpec.Parse(b.Build());

        Assert.Equal("void *", btf.FormatType(voidPointer));
        Assert.Equal("char **", btf.FormatType(charPointerPointer));
        Assert.Equal("const char *", btf.FormatType(constCharPointer));
        Assert.Equal("char * const", btf.FormatType(charConstPointer));
        Assert.Equal("int (const char *, ...)", btf.FormatType(variadic));
        Assert.True(Assert.IsType<BtfFunctionProto>(btf[variadic]).IsVariadic);
        Assert.Equal("void (void)", btf.FormatType(noParameters));
        Assert.Equal("char *[4]", btf.FormatType(arrayOfPointers));
        Assert.Equal(32u, btf.SizeOf(arrayOfPointers));
    }

    [Fact]
    public void A_struct_may_point_to_itself()
    {
        var b = new BtfBuilder();
        var node = b.Struct("node", 8, ("next", 2, 0));
        b.Pointer(node);
        var btf = BtfSpec.Parse(b.Build());
        Assert.Equal("struct node *", btf.FormatType(btf[node] is BtfStruct s ? s.Members[0].Type : 0));
        Assert.Equal(8u, btf.SizeOf(node));
    }

    [Fact]
    public void A_prototype_that_takes_pointers_to_itself_formats_without_running_forever()
    {
        // Three parameters each pointing back: without a budget, formatting would visit 3^depth types.
        var b = new BtfBuilder();
        var pointer = b.Pointer(2);
        b.FunctionProto(0, ("", pointer), ("", pointer), ("", pointer));
        var btf = BtfSpec.Parse(b.Build());
        var text = btf.FormatType(pointer);
        Assert.StartsWith("void (*)(void (*)(", text, StringComparison.Ordinal);
        Assert.Contains("...", text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 1, 100_000);
    }

    [Fact]
    public void Long_typedef_and_pointer_chains_resolve_without_deep_recursion()
    {
        var b = new BtfBuilder();
        var target = b.Int("int", 4, BtfIntEncoding.Signed);
        var typedef = target;
        var pointer = target;
        for (var i = 0; i < 50_000; i++)
        {
            typedef = b.Typedef("t" + i, typedef);
            pointer = b.Pointer(pointer);
        }

        var btf = BtfSpec.Parse(b.Build());
        Assert.Equal(target, btf.Resolve(typedef).Id);
        Assert.Equal(4u, btf.SizeOf(typedef));
        Assert.Equal(8u, btf.SizeOf(pointer));
        Assert.StartsWith("...", btf.FormatType(pointer), StringComparison.Ordinal);
    }

    [Fact]
    public void Array_sizes_beyond_4_GiB_have_no_size_unless_an_array_is_empty()
    {
        var b = new BtfBuilder();
        var index = b.Int("__ARRAY_SIZE_TYPE__", 4);
        var inner = b.Array(b.Int("long", 8, BtfIntEncoding.Signed), index, 0x8000_0000);
        var huge = b.Array(b.Array(inner, index, uint.MaxValue), index, uint.MaxValue);
        var empty = b.Array(huge, index, 0);
        var btf = BtfSpec.Parse(b.Build());
        Assert.False(btf.TrySizeOf(inner, out _));
        Assert.False(btf.TrySizeOf(huge, out _));
        Assert.True(btf.TrySizeOf(empty, out var size));
        Assert.Equal(0u, size);
    }

    /// <summary>Each case: the part of the message that names the fault.</summary>
    public static TheoryData<string> BrokenHeaders => [.. HeaderBreakers.Keys];

    private static readonly Dictionary<string, Func<byte[], byte[]>> HeaderBreakers = new()
    {
        ["is not the BTF magic"] = s => Poke(s, 0, 0x1234, 2),
        ["big-endian"] = s => Poke(s, 0, 0x9feb, 2),
        ["version 2 is not supported"] = s => Poke(s, 2, 2, 1),
        ["header length 12"] = s => Poke(s, 4, 12, 4),
        ["unknown non-zero fields"] = Grow,
        ["bytes needed"] = s => s[..6],
        ["run past the"] = s => Poke(s, 12, 4096, 4),
        ["not 4-byte aligned"] = s => Poke(s, 8, 2, 4),
        ["must start and end with a NUL"] = s => Poke(s, 20, BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(20)) - 1, 4),
        ["overlaps or follows the string section"] = s => Poke(s, 16, 0, 4),
    };

    [Theory]
    [MemberData(nameof(BrokenHeaders))]
    public void A_broken_header_is_refused_with_MalformedBtf(string expected)
    {
        var b = new BtfBuilder();
        b.Int("int", 4, BtfIntEncoding.Signed);
        AssertRefused(HeaderBreakers[expected](b.Build()), expected);
    }

    [Fact]
    public void Type_records_that_break_the_rules_are_refused()
    {
        AssertRefused(Build(b => b.Pointer(5)), "refers to type [5]");
        AssertRefused(Build(b => b.Pointer(1)), "refers back to itself");
        AssertRefused(Build(b => { b.Typedef("a", 2); b.Const(1); }), "refers back to itself");
        AssertRefused(Build(b => b.Add((BtfKind)20, "", 0, 0)), "unknown kind 20");
        AssertRefused(Build(b => b.Add(BtfKind.Int, "odd", 0, 3, false, 24)), "int [1] 'odd' is invalid");
        AssertRefused(Build(b => b.Add(BtfKind.Pointer, "", 2, 0)), "vlen 2");
        AssertRefused(Build(b => b.Function("f", b.Int("int", 4))), "not a function prototype");
        AssertRefused(Build(b => b.Typedef("a", 0)), "name of type [1]: string offset 999", bytes => Poke(bytes, 24, 999, 4));
        AssertRefused(Build(b => b.Struct("s", 4, ("late", b.Int("int", 4), 64))), "lies outside its 4 bytes");
        AssertRefused(Build(b => b.Add(BtfKind.Struct, "s", 3, 4, false, 0, 0)), "bytes needed");
        AssertRefused(Build(b => b.Add(BtfKind.Variable, "v", 0, 0, false, 0)), "void where a type is required");
        AssertRefused(Build(b => b.Add(BtfKind.Variable, "v", 0, 1, false, 7)), "unknown linkage 7");
        AssertRefused(Build(b => b.Add(BtfKind.Float, "f", 0, 3)), "size 3");
        AssertRefused(Build(b => b.Add(BtfKind.DeclTag, "t", 0, (uint)b.Int("int", 4), false, 0)), "component 0");
    }

    [Fact]
    public void TryParse_reports_the_code_section_and_offset()
    {
        var bytes = Build(b => b.Pointer(9));
        Assert.False(BtfSpec.TryParse(bytes, out var spec, out var diagnostic));
        Assert.Null(spec);
        Assert.Equal(DiagnosticCode.MalformedBtf, diagnostic.Code);
        Assert.Equal(".BTF", diagnostic.Location.Section);
        Assert.Contains("(at offset 0x18)", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(BtfSpec.TryParse(Build(b => b.Pointer(0)), out spec, out _));
        Assert.Equal(2, spec.Types.Length);
    }

    private static byte[] Build(Action<BtfBuilder> add)
    {
        var b = new BtfBuilder();
        add(b);
        return b.Build();
    }

    private static void AssertRefused(byte[] bytes, string? expected, Func<byte[], byte[]>? breakIt = null)
    {
        var error = Assert.Throws<MalformedInputException>(() => BtfSpec.Parse(breakIt is null ? bytes : breakIt(bytes)));
        Assert.Equal(DiagnosticCode.MalformedBtf, error.Diagnostic.Code);
        Assert.Equal(".BTF", error.Diagnostic.Location.Section);
        if (expected is not null)
        {
            Assert.Contains(expected, error.Diagnostic.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Poke(byte[] section, int at, uint value, int width)
    {
        var copy = (byte[])section.Clone();
        for (var i = 0; i < width; i++)
        {
            copy[at + i] = (byte)(value >> (8 * i));
        }

        return copy;
    }

    /// <summary>A 32-byte header whose extra 8 bytes are not zero.</summary>
    private static byte[] Grow(byte[] section)
    {
        var grown = new byte[section.Length + 8];
        section.AsSpan(0, 24).CopyTo(grown);
        section.AsSpan(24).CopyTo(grown.AsSpan(32));
        grown[4] = 32;
        grown[30] = 1;
        return grown;
    }
}
