using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_PROG_ARRAY</c>: slots of programs for tail calls (<c>bpf_tail_call</c>). A slot holds the
/// runtime's program object (the live program type of Ebpf.Runtime; <see cref="object"/> here so that maps
/// do not depend on engines), set by user space with <see cref="Update(uint, object, MapUpdateFlags)"/> and read
/// by the tail-call helper with <see cref="TryGetProgram"/>.
/// </summary>
/// <remarks>
/// As Linux: updates take <c>BPF_ANY</c> only (<see cref="MapError.InvalidArgument"/>), an index at or past
/// <c>max_entries</c> is <see cref="MapError.TooBig"/>, deleting an empty slot is <see cref="MapError.NotFound"/>,
/// and programs cannot look up, update or delete slots. The span API deletes and iterates; a span lookup of a
/// filled slot answers <see cref="MapError.NotSupported"/> (Linux returns the program id), and span updates
/// (Linux takes a file descriptor) are not supported.
/// </remarks>
public sealed unsafe class ProgArrayMap : BpfMap
{
    private readonly object?[] _programs;

    internal ProgArrayMap(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, 8UL * spec.MaxEntries, options));
        _programs = new object?[spec.MaxEntries];
    }

    /// <inheritdoc />
    public override int UserValueSize => 4;

    /// <summary>The program in slot <paramref name="index"/>, for tail calls; never allocates or throws.</summary>
    public bool TryGetProgram(uint index, out object? program)
    {
        program = index < (uint)_programs.Length ? Volatile.Read(ref _programs[index]) : null;
        return program is not null;
    }

    /// <summary>Puts <paramref name="program"/> in slot <paramref name="index"/>.</summary>
    public MapError Update(uint index, object program, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(program);
        ThrowIfDisposed();
        return flags != MapUpdateFlags.Any ? MapError.InvalidArgument
            : index >= (uint)_programs.Length ? MapError.TooBig
            : Store(index, program);
    }

    /// <summary>Empties slot <paramref name="index"/>.</summary>
    public MapError Delete(uint index)
    {
        ThrowIfDisposed();
        return index >= (uint)_programs.Length ? MapError.TooBig
            : Interlocked.Exchange(ref _programs[index], null) is null ? MapError.NotFound
            : MapError.None;
    }

    private protected override MapError LookupCore(byte* key, byte* value)
    {
        var index = ArrayIndex.Read(key);
        return index < (uint)_programs.Length && Volatile.Read(ref _programs[index]) is not null ? MapError.NotSupported : MapError.NotFound;
    }

    private protected override MapError DeleteCore(byte* key) => Delete(ArrayIndex.Read(key));

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => ArrayIndex.NextKey(key, nextKey, (uint)_programs.Length);

    private protected override void FreeResources() => Array.Clear(_programs);

    private MapError Store(uint index, object program)
    {
        Volatile.Write(ref _programs[index], program);
        return MapError.None;
    }
}
