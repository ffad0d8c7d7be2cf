using System.Text;

namespace Ebpf.Elf.Btf;

public sealed partial class BtfSpec
{
    /// <summary>How deep <see cref="FormatType"/> descends before it writes <c>...</c>: prototypes may refer to themselves through pointers.</summary>
    private const int MaxFormatDepth = 32;

    /// <summary>How many types one <see cref="FormatType"/> call may visit: prototypes whose parameters point to prototypes branch, so depth alone does not bound the work.</summary>
    private const int MaxFormatVisits = 1024;

    /// <summary>
    /// A C-like name for type <paramref name="id"/>: <c>struct flow_key</c>, <c>__u32</c>,
    /// <c>unsigned int</c>, <c>char[16]</c>, <c>void *</c>, <c>const char *</c>, <c>int (*)(void *)</c>.
    /// Functions read as declarations (<c>int process(struct xdp_md *ctx)</c>), variables as
    /// <c>type name</c>, data sections as <c>SEC(".data")</c>. Anonymous tags read <c>struct (anon)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    public string FormatType(int id)
    {
        CheckId(id);
        var budget = MaxFormatVisits;
        return Format(id, 0, ref budget);
    }

    private string Format(int id, int depth, ref int budget)
    {
        if (depth > MaxFormatDepth || --budget < 0)
        {
            return "...";
        }

        var type = Types[id];
        return type switch
        {
            BtfVoid => "void",
            BtfInt or BtfFloat or BtfTypedef => NameOrAnon(type.Name),
            BtfStruct => "struct " + NameOrAnon(type.Name),
            BtfUnion => "union " + NameOrAnon(type.Name),
            BtfEnum => "enum " + NameOrAnon(type.Name),
            BtfForward forward => (forward.IsUnion ? "union " : "struct ") + NameOrAnon(type.Name),
            BtfPointer pointer => FormatPointer(pointer, depth, ref budget),
            BtfArray array => FormatArray(array, depth, ref budget),
            BtfQualifier qualifier => Qualify(Format(qualifier.Type, depth + 1, ref budget), qualifier.Keyword),
            BtfTypeTag tag => Qualify(Format(tag.Type, depth + 1, ref budget), $"__attribute__((btf_type_tag(\"{tag.Name}\")))"),
            BtfFunctionProto proto => $"{Format(proto.ReturnType, depth + 1, ref budget)} ({FormatParameters(proto, depth, withNames: false, ref budget)})",
            BtfFunction function => Types[function.Type] is BtfFunctionProto proto
                ? $"{Format(proto.ReturnType, depth + 1, ref budget)} {function.Name}({FormatParameters(proto, depth, withNames: true, ref budget)})"
                : function.Name,
            BtfVariable variable => $"{Format(variable.Type, depth + 1, ref budget)} {variable.Name}",
            BtfDataSection section => $"SEC(\"{section.Name}\")",
            BtfDeclTag tag => $"__attribute__((btf_decl_tag(\"{tag.Name}\")))",
            _ => type.Kind.ToString(),
        };
    }

    private string FormatPointer(BtfPointer pointer, int depth, ref int budget)
    {
        if (Types[pointer.Type] is BtfFunctionProto proto)
        {
            return $"{Format(proto.ReturnType, depth + 1, ref budget)} (*)({FormatParameters(proto, depth, withNames: false, ref budget)})";
        }

        var target = Format(pointer.Type, depth + 1, ref budget);
        return target.EndsWith('*') ? target + "*" : target + " *";
    }

    private string FormatArray(BtfArray array, int depth, ref int budget)
    {
        // int m[2][3] is an array of 2 arrays of 3: collect the counts outside in, then the element.
        var counts = new StringBuilder();
        BtfType element = array;
        while (element is BtfArray inner && depth <= MaxFormatDepth)
        {
            counts.Append('[').Append(inner.Count).Append(']');
            element = Types[inner.ElementType];
            depth++;
        }

        return Format(element.Id, depth, ref budget) + counts;
    }

    private string FormatParameters(BtfFunctionProto proto, int depth, bool withNames, ref int budget)
    {
        if (proto.Parameters.IsEmpty)
        {
            return "void";
        }

        var parts = new string[proto.Parameters.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var parameter = proto.Parameters[i];
            var type = parameter.Type == 0 ? "..." : Format(parameter.Type, depth + 1, ref budget);
            parts[i] = withNames && parameter.Name.Length > 0 ? Declare(type, parameter.Name) : type;
        }

        return string.Join(", ", parts);
    }

    private static string Declare(string type, string name) => type.EndsWith('*') ? type + name : type + " " + name;

    /// <summary>Qualifiers of a pointer follow the star (<c>char * const</c>); others precede the type (<c>const char</c>).</summary>
    private static string Qualify(string type, string qualifier) =>
        type.EndsWith('*') ? $"{type} {qualifier}" : $"{qualifier} {type}";

    private static string NameOrAnon(string name) => name.Length == 0 ? "(anon)" : name;
}
