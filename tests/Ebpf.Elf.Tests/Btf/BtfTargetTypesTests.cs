using Ebpf.Core.Types;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>A BTF file seen as Core's <see cref="ITargetTypes"/>, the verifier's view of kernel types.</summary>
public sealed class BtfTargetTypesTests
{
    private static ITargetTypes Types()
    {
        var path = Path.Combine(RepositoryPaths.TestData, "verifier", "btf", "kernel_types.o");
        Assert.True(TargetBtfFile.TryLoad(path, out var btf, out var problem), problem?.ToString());
        return BtfTargetTypes.Of(btf);
    }

    [Fact]
    public void A_struct_is_found_by_name_with_its_members_at_their_offsets()
    {
        var types = Types();
        var task = types.Resolve(types.Find("task_struct", TargetTypeKind.Struct)!.Value)!;

        Assert.Equal(TargetTypeKind.Struct, task.Kind);
        Assert.Equal("struct task_struct", task.Spelling);
        Assert.Equal(88, task.Size);
        Assert.Equal(40 * 8, task.Members.Single(m => m.Name == "pid").BitOffset);
        Assert.True(task.Members.Single(m => m.Name == "in_iowait").IsBitfield);
    }

    [Fact]
    public void A_pointer_member_resolves_to_its_struct()
    {
        var types = Types();
        var task = types.Resolve(types.Find("task_struct", TargetTypeKind.Struct)!.Value)!;
        var mm = types.Resolve(task.Members.Single(m => m.Name == "mm").Type)!;

        Assert.Equal(TargetTypeKind.Pointer, mm.Kind);
        Assert.Equal("struct mm_struct", types.Resolve(mm.Target)!.Spelling);
    }

    [Fact]
    public void A_tracepoint_typedef_resolves_through_its_pointer_to_the_prototype()
    {
        var types = Types();
        var typedef = types.Find("btf_trace_sched_switch", TargetTypeKind.Typedef)!.Value;
        var pointer = types.Resolve(typedef)!;
        var prototype = types.Resolve(pointer.Target)!;

        Assert.Equal(TargetTypeKind.Pointer, pointer.Kind);
        Assert.Equal(TargetTypeKind.FunctionProto, prototype.Kind);
        Assert.Equal(4, prototype.Members.Length);
        Assert.Equal("struct task_struct", types.Resolve(types.Resolve(prototype.Members[2].Type)!.Target)!.Spelling);
    }

    [Fact]
    public void Unknown_names_and_ids_give_nothing()
    {
        var types = Types();

        Assert.Null(types.Find("no_such_function", TargetTypeKind.Function));
        Assert.Null(types.Resolve(-1));
        Assert.Null(types.Resolve(1_000_000));
        Assert.Equal(TargetTypeKind.Void, types.Resolve(0)!.Kind);
    }
}
