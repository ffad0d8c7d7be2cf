using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>The text of the <c>%p</c> conversions that <see cref="Bprintf"/> formats before printing, as <c>lib/vsprintf.c</c> writes them.</summary>
internal static class PointerText
{
    /// <summary>An address without a symbol, as <c>__sprint_symbol</c> prints it.</summary>
    public static byte[] Hex(ulong value) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"0x{value:x}"));

    /// <summary>
    /// <c>%pI4</c> <c>1.2.3.4</c>, <c>%pi4</c> <c>001.002.003.004</c>, <c>%pI6</c> eight groups of four hex digits with
    /// colons, <c>%pi6</c> 32 hex digits; the address is read from the program's memory, zeros when it cannot be.
    /// </summary>
    public static byte[] Ip(HelperContext context, ulong address, in FormatSpec spec)
    {
        Span<byte> ip = stackalloc byte[16];
        ip = ip[..spec.Size];
        ProgramMemory.CopyUntrusted(context, address, ip, $"a %p{(char)spec.Conversion}{(spec.Size == 4 ? 4 : 6)} argument");
        var padded = spec.Conversion == 'i';
        var text = new StringBuilder();
        for (var i = 0; i < ip.Length; i += spec.Size == 4 ? 1 : 2)
        {
            if (spec.Size == 4)
            {
                text.Append(i > 0 ? "." : "").Append(ip[i].ToString(padded ? "000" : "0", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(i > 0 && !padded ? ":" : "").Append(BinaryPrimitives.ReadUInt16BigEndian(ip[i..]).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
