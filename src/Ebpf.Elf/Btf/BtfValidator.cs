using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// Checks what can only be checked once every type is read: referenced ids exist and have a kind that
/// fits, and no chain of pointers, modifiers, typedefs and array elements loops back on itself (the
/// kernel refuses such loops too; a loop through a struct member is fine). After this, the helpers of
/// <see cref="BtfSpec"/> can follow chains without running forever.
/// </summary>
internal static class BtfValidator
{
    public static void Validate(ImmutableArray<BtfType> types, ImmutableArray<int> offsets)
    {
        foreach (var type in types)
        {
            CheckReferences(types, type, offsets[type.Id]);
        }

        CheckChainsEnd(types, offsets);
    }

    /// <summary>The next type in a chain that describes one object: what a modifier, pointer, array, variable, function or tag refers to; 0 when the chain ends.</summary>
    public static int ChainNext(BtfType type) => type switch
    {
        BtfPointer p => p.Type,
        BtfTypedef t => t.Type,
        BtfQualifier q => q.Type,
        BtfTypeTag t => t.Type,
        BtfArray a => a.ElementType,
        BtfVariable v => v.Type,
        BtfFunction f => f.Type,
        BtfDeclTag d => d.Type,
        _ => 0,
    };

    private static void CheckReferences(ImmutableArray<BtfType> types, BtfType type, int at)
    {
        switch (type)
        {
            case BtfPointer or BtfTypedef or BtfQualifier or BtfTypeTag:
                Reference(types, type, ChainNext(type), at, allowVoid: true);
                break;
            case BtfArray array:
                Reference(types, type, array.ElementType, at, allowVoid: false);
                Reference(types, type, array.IndexType, at, allowVoid: false);
                break;
            case BtfComposite composite:
                foreach (var member in composite.Members)
                {
                    Reference(types, type, member.Type, at, allowVoid: false);
                }

                break;
            case BtfFunction function:
                if (Reference(types, type, function.Type, at, allowVoid: false) is not BtfFunctionProto)
                {
                    throw Malformed($"function [{type.Id}] '{type.Name}' refers to type [{function.Type}], which is not a function prototype", at);
                }

                break;
            case BtfFunctionProto proto:
                Reference(types, type, proto.ReturnType, at, allowVoid: true);
                for (var i = 0; i < proto.Parameters.Length; i++)
                {
                    var parameter = proto.Parameters[i];
                    var isVarArgs = i == proto.Parameters.Length - 1 && parameter.Type == 0 && parameter.Name.Length == 0;
                    Reference(types, type, parameter.Type, at, allowVoid: isVarArgs);
                }

                break;
            case BtfVariable variable:
                Reference(types, type, variable.Type, at, allowVoid: false);
                break;
            case BtfDataSection section:
                foreach (var variable in section.Variables)
                {
                    if (Reference(types, type, variable.Type, at, allowVoid: false) is not (BtfVariable or BtfFunction))
                    {
                        throw Malformed($"data section [{type.Id}] '{type.Name}' lists type [{variable.Type}], which is not a variable or function", at);
                    }
                }

                break;
            case BtfDeclTag tag:
                CheckDeclTag(types, tag, at);
                break;
        }
    }

    private static void CheckDeclTag(ImmutableArray<BtfType> types, BtfDeclTag tag, int at)
    {
        var target = Reference(types, tag, tag.Type, at, allowVoid: false);
        var components = target switch
        {
            BtfComposite composite => composite.Members.Length,
            BtfFunction function when function.Type < types.Length && types[function.Type] is BtfFunctionProto proto => proto.Parameters.Length,
            _ => 0,
        };
        if (tag.ComponentIndex >= components)
        {
            throw Malformed($"decl tag [{tag.Id}] names component {tag.ComponentIndex} of type [{tag.Type}], which has {components}", at);
        }
    }

    private static BtfType Reference(ImmutableArray<BtfType> types, BtfType from, int id, int at, bool allowVoid)
    {
        if (id >= types.Length)
        {
            throw Malformed($"type [{from.Id}] {from.Kind} refers to type [{id}], but the last type is [{types.Length - 1}]", at);
        }

        if (id == 0 && !allowVoid)
        {
            throw Malformed($"type [{from.Id}] {from.Kind} refers to void where a type is required", at);
        }

        return types[id];
    }

    private static void CheckChainsEnd(ImmutableArray<BtfType> types, ImmutableArray<int> offsets)
    {
        // Every type has at most one chain successor, so walking each chain once, marking types as
        // "on the current walk" then "known to end", finds every loop in linear time.
        const byte OnWalk = 1, Ends = 2;
        var state = new byte[types.Length];
        var walk = new List<int>();
        for (var first = 1; first < types.Length; first++)
        {
            var id = first;
            while (id != 0 && state[id] == 0)
            {
                state[id] = OnWalk;
                walk.Add(id);
                id = ChainNext(types[id]);
            }

            if (id != 0 && state[id] == OnWalk)
            {
                throw Malformed($"type [{id}] {types[id].Kind} refers back to itself through a chain of pointers, modifiers or arrays", offsets[id]);
            }

            foreach (var visited in walk)
            {
                state[visited] = Ends;
            }

            walk.Clear();
        }
    }

    private static MalformedInputException Malformed(string message, long at) =>
        MalformedInputException.At(DiagnosticCode.MalformedBtf, message, BtfSpec.SectionName, at);
}
