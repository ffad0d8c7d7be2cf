using Ebpf.Core.Abi;

namespace Ebpf.Runtime.Native;

/// <summary>
/// What generated code assumed of the map an <c>lddw</c> loads when it inlined an operation on it: its type and key
/// size, as the object defines them. <see cref="NativeProgram.Prepare"/> checks the live map against it.
/// </summary>
/// <param name="Type">The map's type.</param>
/// <param name="KeySize">Its key size in bytes (hash lookups are specialised for it).</param>
public readonly record struct InlinedMap(MapType Type, uint KeySize);
