using System.Collections.Immutable;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Loading;

namespace Ebpf.Runtime.Native;

/// <summary>
/// An object compiled ahead of time: the C# that <c>ebpf compile</c> writes derives from this. It carries the object's
/// maps and programs as plain specs (generated metadata: map definitions, initial global data, instructions) and each
/// program's code as static methods, so that loading it creates maps and runs programs without reading an ELF file,
/// running the verifier or generating code at run time (Native AOT, hosts that forbid dynamic code).
/// </summary>
/// <remarks>
/// What is trusted: <see cref="IsVerified"/> says the verifier accepted every program when the file was generated; the
/// file names the object it came from by SHA-256 (<see cref="ObjectSha256"/>). Loading checks that each program's
/// instructions are the ones its code was generated from, and runs the code unchecked, as the JIT runs verified code.
/// A file generated with <c>--unverified</c> runs its programs in the checked interpreter instead.
/// </remarks>
public abstract class NativeObject
{
    private ObjectSpec? _spec;
    private ImmutableArray<NativeProgram> _programs;

    /// <summary>The SHA-256 of the object file the code was generated from, in lowercase hex.</summary>
    public abstract string ObjectSha256 { get; }

    /// <summary>The version of <c>ebpf compile</c> that generated it.</summary>
    public abstract string GeneratorVersion { get; }

    /// <summary>Whether the verifier accepted every program when the code was generated.</summary>
    public abstract bool IsVerified { get; }

    /// <summary>The object's maps and programs, as read from the object file.</summary>
    public ObjectSpec Spec => _spec ??= CreateSpec();

    /// <summary>Each program's code.</summary>
    public ImmutableArray<NativeProgram> Programs => _programs.IsDefault ? _programs = [.. CreatePrograms()] : _programs;

    /// <summary>The code of the program named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The program's name.</param>
    public NativeProgram? FindProgram(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>Creates the maps and loads the programs on their generated code (<see cref="LoadedObject.Load(NativeObject, LoadOptions?)"/>).</summary>
    /// <param name="options">Map sizes, program types, per-CPU slots; the engine is the generated code.</param>
    public LoadedObject Load(LoadOptions? options = null) => LoadedObject.Load(this, options);

    /// <summary>Instructions from their 64-bit little-endian encodings, as generated specs write them.</summary>
    /// <param name="slots">Each slot's 8 bytes read as a little-endian number.</param>
    protected static ImmutableArray<Instruction> Code(params ReadOnlySpan<ulong> slots)
    {
        var code = ImmutableArray.CreateBuilder<Instruction>(slots.Length);
        foreach (var slot in slots)
        {
            code.Add(Instruction.FromUInt64(slot));
        }

        return code.MoveToImmutable();
    }

    /// <summary><paramref name="count"/> instructions without source lines (generated files keep them as comments instead).</summary>
    /// <param name="count">The program's length in slots.</param>
    protected static ImmutableArray<SourceLine?> NoLines(int count) => [.. new SourceLine?[count]];

    /// <summary>Builds <see cref="Spec"/> (generated).</summary>
    protected abstract ObjectSpec CreateSpec();

    /// <summary>Builds <see cref="Programs"/> (generated).</summary>
    protected abstract IEnumerable<NativeProgram> CreatePrograms();
}
