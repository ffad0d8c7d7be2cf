using System.Globalization;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Checks;

/// <summary>
/// The bounds rules of memory accesses, as sentences: each returns null when the access is proven inside its region,
/// or what a developer needs to see when it is not. The facts come from the caller's numeric domain.
/// </summary>
internal static class AccessCheck
{
    /// <summary>A stack access at <paramref name="offsets"/> must lie between the bottom of the current frame and the top of the program's.</summary>
    public static string? Stack(Interval offsets, int width, int frameTop, string verb)
    {
        var bottom = frameTop - AbstractState.FrameSize;
        if (offsets.IsFinite && offsets.Lower >= bottom && offsets.Upper + width <= AbstractState.StackSize)
        {
            return null;
        }

        return $"{verb} {width} bytes at r10{Relative(offsets, frameTop)} leaves the stack: the frame is r10-512 to r10, callers' frames above";
    }

    /// <summary>A map value access must lie within <see cref="MapSpec.ValueSize"/>.</summary>
    public static string? Sized(Interval offsets, int width, long size, string region, string verb)
    {
        if (offsets.IsFinite && offsets.Lower >= 0 && offsets.Upper + width <= size)
        {
            return null;
        }

        return $"{verb} {width} bytes at {region}+{offsets} may leave its {size} bytes";
    }

    /// <summary>The message of a packet access that is not proven inside the packet.</summary>
    public static string Packet(string register, Interval offsets, int width, Interval packetSize, string verb) =>
        $"{register} may be outside the packet: {verb} {width} bytes at packet+{offsets} when data_end is packet+{packetSize}";

    /// <summary>The message of a context access the program type does not allow, naming the field.</summary>
    public static string Context(ContextLayout layout, int offset, int width, bool isWrite, int? attachType)
    {
        var field = layout.FieldAt(offset);
        var what = isWrite ? "writing" : "reading";
        if (field is null)
        {
            return $"{what} {width} bytes at offset {offset} of {layout.TypeName}: no field the program may access is there";
        }

        if (!field.IsAvailableFor(attachType))
        {
            return $"{what} {layout.TypeName}.{field.Name}: the program's attach type may not access it";
        }

        var sizes = isWrite ? field.WriteSizes : field.ReadSizes;
        return sizes == AccessSizes.None
            ? $"{what} {layout.TypeName}.{field.Name}: the program type may not {(isWrite ? "write" : "read")} it"
            : $"{what} {width} bytes at offset {offset} of {layout.TypeName}.{field.Name} (offset {field.Offset}, {field.Size} bytes): allowed widths are {sizes}, aligned";
    }

    private static string Relative(Interval offsets, int frameTop)
    {
        if (!offsets.IsFinite)
        {
            return offsets.ToString();
        }

        var lower = offsets.Lower - frameTop;
        var upper = offsets.Upper - frameTop;
        return lower == upper
            ? (lower < 0 ? lower.ToString(CultureInfo.InvariantCulture) : "+" + lower.ToString(CultureInfo.InvariantCulture))
            : $"+[{lower}, {upper}]";
    }
}
