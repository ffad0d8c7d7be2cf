using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// The ABI of one platform: its program types (with their contexts, allowed helpers and return values), its
/// helper prototypes and its map types, each under the platform's own numbers.
/// </summary>
/// <remarks>
/// The verifier and the runtime learn about program types and helpers only through a table, never through
/// numbers of their own. That is why the table is an instance and not statics spread around: <see cref="Linux"/>
/// is the numbering clang and libbpf headers produce, and a second table with eBPF for Windows' numbering
/// (<c>BPF_PROG_TYPE_BIND</c> is 2 there, its helpers and contexts differ) is one more instance passed to the same
/// engines. The <see cref="ProgramType"/> and <see cref="MapType"/> enums and <see cref="HelperId"/> are Linux's
/// numbers; the overloads taking them are shorthands for tables that use Linux's numbering.
/// </remarks>
public sealed class AbiTable
{
    private readonly FrozenDictionary<int, HelperPrototype> _helpersById;
    private readonly FrozenDictionary<int, ProgramTypeDescriptor> _programTypesById;
    private readonly FrozenDictionary<int, MapTypeDescriptor> _mapTypesById;

    /// <summary>Builds a table and checks that it is consistent.</summary>
    /// <param name="platform">The platform's name, for messages (<c>linux</c>).</param>
    /// <param name="programTypes">The program types.</param>
    /// <param name="helpers">The helper prototypes.</param>
    /// <param name="mapTypes">The map types.</param>
    /// <exception cref="ArgumentException">
    /// A number or name is used twice, a helper has more than five arguments, a program type allows a helper the
    /// table lacks, or a context field lies outside its structure or overlaps another.
    /// </exception>
    public AbiTable(
        string platform,
        IEnumerable<ProgramTypeDescriptor> programTypes,
        IEnumerable<HelperPrototype> helpers,
        IEnumerable<MapTypeDescriptor> mapTypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentNullException.ThrowIfNull(programTypes);
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(mapTypes);

        Platform = platform;
        Helpers = [.. helpers.OrderBy(h => h.Id)];
        ProgramTypes = [.. programTypes.OrderBy(p => p.Id)];
        MapTypes = [.. mapTypes.OrderBy(m => m.Id)];

        _helpersById = Unique(Helpers, h => h.Id, h => h.Name, "helper");
        _programTypesById = Unique(ProgramTypes, p => p.Id, p => p.Name, "program type");
        _mapTypesById = Unique(MapTypes, m => m.Id, m => m.Name, "map type");

        foreach (var helper in Helpers)
        {
            if (helper.Arguments.Length > HelperPrototype.MaxArguments)
            {
                throw new ArgumentException($"{platform}: {helper.Name} has more than {HelperPrototype.MaxArguments} arguments", nameof(helpers));
            }
        }

        foreach (var type in ProgramTypes)
        {
            Validate(type);
        }
    }

    /// <summary>Linux's ABI: the numbering of <c>include/uapi/linux/bpf.h</c>, which clang and libbpf produce.</summary>
    public static AbiTable Linux => LinuxAbi.Table;

    /// <summary>
    /// eBPF for Windows' ABI: its program type, helper and map type numbers (<c>ebpf_structs.h</c>) and its contexts
    /// (<c>ebpf_nethooks.h</c>). Its helpers are Linux's prototypes renumbered; the runtime maps the numbers onto the
    /// same implementations. Program types: <c>xdp</c>, <c>bind</c>, <c>sock_addr</c> and <c>xdp_test</c>; program-type-specific helpers (numbered from 65536) live in their descriptors.
    /// </summary>
    public static AbiTable Windows => WindowsAbi.Table;

    /// <summary>The table of <paramref name="platform"/>.</summary>
    public static AbiTable For(AbiPlatform platform) => platform == AbiPlatform.Windows ? Windows : Linux;

    /// <summary>The platform's name (<c>linux</c>).</summary>
    public string Platform { get; }

    /// <summary>Every program type, by number.</summary>
    public ImmutableArray<ProgramTypeDescriptor> ProgramTypes { get; }

    /// <summary>Every helper prototype, by number.</summary>
    public ImmutableArray<HelperPrototype> Helpers { get; }

    /// <summary>Every map type, by number.</summary>
    public ImmutableArray<MapTypeDescriptor> MapTypes { get; }

    /// <summary>The prototype of helper <paramref name="id"/>, or null when the platform has none by that number.</summary>
    public HelperPrototype? FindHelper(int id) => _helpersById.GetValueOrDefault(id);

    /// <summary>
    /// The prototype of helper <paramref name="id"/> as programs of <paramref name="type"/> see it: one of the type's
    /// own helpers (<see cref="ProgramTypeDescriptor.SpecificHelpers"/>) or a general one; null when neither has it.
    /// </summary>
    public HelperPrototype? FindHelper(int id, ProgramTypeDescriptor? type) =>
        type?.SpecificHelpers.FirstOrDefault(h => h.Id == id) ?? FindHelper(id);

    /// <summary>The prototype named <paramref name="name"/> (<c>bpf_map_lookup_elem</c>), or null.</summary>
    public HelperPrototype? FindHelper(string name) => Helpers.FirstOrDefault(h => h.Name == name);

    /// <summary>The program type numbered <paramref name="id"/> in this platform's numbering, or null.</summary>
    public ProgramTypeDescriptor? FindProgramType(int id) => _programTypesById.GetValueOrDefault(id);

    /// <summary>The program type with Linux's number <paramref name="type"/>, or null; meant for tables with Linux's numbering.</summary>
    public ProgramTypeDescriptor? FindProgramType(ProgramType type) => FindProgramType((int)type);

    /// <summary>The program type named <paramref name="name"/> (<c>xdp</c>), or null.</summary>
    public ProgramTypeDescriptor? FindProgramType(string name) => ProgramTypes.FirstOrDefault(p => p.Name == name);

    /// <summary>The map type numbered <paramref name="id"/>, or null.</summary>
    public MapTypeDescriptor? FindMapType(int id) => _mapTypesById.GetValueOrDefault(id);

    /// <summary>The map type with Linux's number <paramref name="type"/>, or null; meant for tables with Linux's numbering.</summary>
    public MapTypeDescriptor? FindMapType(MapType type) => FindMapType((int)type);

    /// <summary>True when programs of type <paramref name="programTypeId"/> may call helper <paramref name="helperId"/>; false when either is unknown.</summary>
    public bool IsHelperAllowed(int programTypeId, int helperId) =>
        FindProgramType(programTypeId) is { } type && type.CanCall(helperId) && FindHelper(helperId, type) is not null;

    /// <summary>True when programs of Linux program type <paramref name="programType"/> may call helper <paramref name="helperId"/>.</summary>
    public bool IsHelperAllowed(ProgramType programType, int helperId) => IsHelperAllowed((int)programType, helperId);

    /// <inheritdoc />
    public override string ToString() => $"{Platform}: {ProgramTypes.Length} program types, {Helpers.Length} helpers, {MapTypes.Length} map types";

    private static FrozenDictionary<int, T> Unique<T>(ImmutableArray<T> items, Func<T, int> id, Func<T, string> name, string what)
    {
        foreach (var group in items.GroupBy(name).Where(g => g.Count() > 1))
        {
            throw new ArgumentException($"two {what}s are named {group.Key}");
        }

        foreach (var group in items.GroupBy(id).Where(g => g.Count() > 1))
        {
            throw new ArgumentException($"two {what}s are numbered {group.Key}: {string.Join(", ", group.Select(name))}");
        }

        return items.ToFrozenDictionary(id);
    }

    private void Validate(ProgramTypeDescriptor type)
    {
        foreach (var helper in type.SpecificHelpers)
        {
            if (_helpersById.ContainsKey(helper.Id) || !type.CanCall(helper.Id) || helper.Arguments.Length > HelperPrototype.MaxArguments)
            {
                throw new ArgumentException($"{Platform}: program type {type.Name}'s own helper {helper.Name} shares number {helper.Id} with a general helper, is not allowed, or has too many arguments");
            }
        }

        foreach (var helperId in type.Helpers)
        {
            if (FindHelper(helperId, type) is null)
            {
                throw new ArgumentException($"{Platform}: program type {type.Name} allows helper {helperId}, which has no prototype");
            }
        }

        var context = type.Context;
        var end = 0;
        foreach (var field in context.Fields.OrderBy(f => f.Offset))
        {
            if (field.Offset < end || field.Size <= 0 || field.End > context.Size)
            {
                throw new ArgumentException($"{Platform}: {context.TypeName}.{field.Name} overlaps another field or lies outside the {context.Size}-byte context");
            }

            end = field.End;
        }
    }
}
