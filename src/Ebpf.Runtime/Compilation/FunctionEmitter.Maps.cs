using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Native;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// Map helpers on a map known at compile time (r1 loaded by an <c>lddw</c> of its handle in the same block): array
/// and per-CPU array lookups inlined as an index check and address arithmetic, other lookups, updates and deletes called on the map
/// directly, skipping the handle look-up and the helper context. Only for unchecked runs, where helpers trust
/// their pointers anyway.
/// </summary>
internal sealed unsafe partial class FunctionEmitter
{
    private static readonly MethodInfo CpuOffset = typeof(JitRuntime).GetMethod(nameof(JitRuntime.CpuOffset))!;
    private static readonly MethodInfo As = typeof(Unsafe).GetMethod(nameof(Unsafe.As), 1, [typeof(object)])!;

    private bool TryEmitMapOperation(HelperDefinition helper)
    {
        if (_compiler.Options.Checked || _known[1] is not { } handle || BpfMap.FromHandle(handle) is not { } map)
        {
            return false;
        }

        // Which helpers are the map operations and which lookup a map type gets are decided with the native generator.
        if (InlinedLookups.Implements(helper.Function, NativeMapOperation.Lookup))
        {
            var lookup = InlinedLookups.Of(map.Type);
            switch (lookup)
            {
                case InlinedLookup.Array or InlinedLookup.PercpuArray:
                    EmitArrayLookup(handle, percpu: lookup == InlinedLookup.PercpuArray);
                    break;
                case InlinedLookup.Hash:
                    EmitHashLookup(map);
                    break;
                default:
                    EmitMapCall(map, nameof(BpfMap.LookupElement), 2);
                    break;
            }

            return true;
        }

        if (InlinedLookups.Implements(helper.Function, NativeMapOperation.Update))
        {
            EmitMapCall(map, nameof(BpfMap.UpdateElement), 4);
            return true;
        }

        if (InlinedLookups.Implements(helper.Function, NativeMapOperation.Delete))
        {
            EmitMapCall(map, nameof(BpfMap.DeleteElement), 2);
            return true;
        }

        return false;
    }

    /// <summary>
    /// r0 = index &lt; max_entries ? values + index * stride : 0, with the numbers of the map's handle block; per-CPU
    /// arrays add the offset of the running thread's CPU block (<see cref="JitRuntime.CpuOffset"/>).
    /// </summary>
    private void EmitArrayLookup(ulong handle, bool percpu)
    {
        var block = (byte*)handle;
        var values = *(ulong*)(block + MapHandleLayout.Values);
        var stride = *(uint*)(block + MapHandleLayout.ValueStride);
        var maxEntries = *(uint*)(block + MapHandleLayout.MaxEntries);
        var index = Scratch();
        var missing = _il.DefineLabel();
        var done = _il.DefineLabel();
        if (_il.IsRecording)
        {
            _il.Comment($"array lookup inlined: {maxEntries} entries of {stride} bytes at 0x{values:x}");
        }

        if (StoredKey() is { } key)
        {
            _il.Emit(OpCodes.Ldloc, key);
            _il.Emit(OpCodes.Conv_U4);
        }
        else
        {
            Load(2);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Ldind_U4);
        }

        _il.Emit(OpCodes.Stloc, index);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldc_I4, (int)maxEntries);
        _il.Emit(OpCodes.Bge_Un, missing);
        _il.Emit(OpCodes.Ldc_I8, (long)values);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_U8);
        _il.Emit(OpCodes.Ldc_I8, (long)stride);
        _il.Emit(OpCodes.Mul);
        _il.Emit(OpCodes.Add);
        if (percpu)
        {
            _il.Emit(OpCodes.Ldc_I4, (int)*(uint*)(block + MapHandleLayout.CpuCount));
            _il.Emit(OpCodes.Ldc_I8, (long)*(ulong*)(block + MapHandleLayout.CpuStride));
            _il.Emit(OpCodes.Call, CpuOffset);
            _il.Emit(OpCodes.Add);
        }

        Store(0);
        _il.Emit(OpCodes.Br, done);
        _il.MarkLabel(missing);
        _il.Emit(OpCodes.Ldc_I8, 0L);
        Store(0);
        _il.MarkLabel(done);
    }

    /// <summary>
    /// r0 = map.LookupElement&lt;shape&gt;(r2): the hash map lookup instantiated for the map's key size, a direct call whose
    /// hash and key compare are inlined (no dispatch on the size, no interface call).
    /// </summary>
    private void EmitHashLookup(BpfMap map)
    {
        var shape = IKeyShape.For((int)map.KeySize);
        var target = typeof(HashTableMap).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(m => m.Name == nameof(HashTableMap.LookupElement) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(shape);
        if (_il.IsRecording)
        {
            _il.Comment($"hash lookup specialised for {map.KeySize}-byte keys ({shape.Name})");
        }

        LoadConstant(map);
        _il.Emit(OpCodes.Call, As.MakeGenericMethod(typeof(HashTableMap)));
        Load(2);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Call, target);
        Store(0);
    }

    /// <summary>r0 = map.Operation(r2, ...) on the map object itself: its program-side operation takes the raw pointers.</summary>
    private void EmitMapCall(BpfMap map, string operation, int lastArgument)
    {
        var target = map.GetType().GetMethod(operation, BindingFlags.Public | BindingFlags.Instance)!;
        LoadConstant(map);
        _il.Emit(OpCodes.Call, As.MakeGenericMethod(map.GetType()));
        for (var r = 2; r <= lastArgument; r++)
        {
            Load(r);
            if (r < 4)
            {
                _il.Emit(OpCodes.Conv_U);
            }
        }

        // The map's own type is sealed, so this is a direct call.
        _il.Emit(OpCodes.Callvirt, target);
        Store(0);
    }
}
