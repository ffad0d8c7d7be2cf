using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Verifier.Cfg;

namespace Ebpf.Verifier.Tests.Cfg;

public sealed class ControlFlowGraphTests
{
    private static ControlFlowGraph Build(string source)
    {
        Assert.True(Assembler.TryAssemble(source, out var slots, out var problems), string.Join(Environment.NewLine, problems));
        Assert.True(ProgramDecoder.TryDecode(slots.AsSpan(), out var program, out var errors), string.Join(Environment.NewLine, errors));
        return ControlFlowGraphBuilder.Build(program!, [], AbiTable.Linux);
    }

    [Fact]
    public void A_conditional_jump_ends_a_block_with_a_taken_and_a_fall_through_edge()
    {
        var graph = Build("mov %r0, 0\njeq %r1, 0, +1\nmov %r0, 1\nexit");
        Assert.Empty(graph.Diagnostics);
        Assert.Equal([(0, 1), (2, 2), (3, 3)], graph.Blocks.Select(b => (b.Start, b.Last)));
        Assert.Equal([new Edge(2, EdgeKind.Taken), new Edge(1, EdgeKind.NotTaken)], graph.Entry.Successors);
    }

    [Fact]
    public void A_function_called_from_two_places_is_copied_once_per_call_site()
    {
        var graph = Build("call local +3\ncall local +2\nmov %r0, 0\nexit\nmov %r0, 1\nexit");
        Assert.Empty(graph.Diagnostics);
        Assert.Equal(3, graph.Contexts.Length);
        Assert.Equal([[], [0], [1]], graph.Contexts.Select(c => c.CallSites.ToArray()));
        Assert.All(graph.Contexts.Skip(1), c => Assert.Equal(1, c.Depth));
        var returns = graph.Blocks.SelectMany(b => b.Successors).Count(e => e.Kind == EdgeKind.Return);
        Assert.Equal(2, returns);
    }

    [Fact]
    public void A_callback_helper_call_gets_a_loop_block_around_its_callback()
    {
        var graph = Build("mov %r1, 4\nlddw %r2, func 6\nmov %r3, 0\nmov %r4, 0\ncall 181\nmov %r0, 0\nexit\nmov %r0, 0\nexit");
        Assert.Empty(graph.Diagnostics);
        Assert.Equal(8, graph.CallbackTargets[5]);
        var loop = Assert.Single(graph.Blocks, b => b.Kind == BlockKind.CallbackLoop);
        Assert.Contains(loop.Successors, e => e.Kind == EdgeKind.CallbackEnter);
        Assert.Contains(loop.Successors, e => e.Kind == EdgeKind.CallbackDone);
        Assert.Contains(loop.Predecessors, e => e.Kind == EdgeKind.CallbackReturn);
        Assert.True(graph.Contexts[1].IsCallback);
    }

    [Fact]
    public void Mutual_recursion_is_found_at_the_call_that_closes_the_cycle()
    {
        var graph = Build("call local +2\nmov %r0, 0\nexit\ncall local +1\nexit\ncall local -3\nexit");
        var problem = Assert.Single(graph.Diagnostics);
        Assert.Equal(Core.Diagnostics.DiagnosticCode.RecursiveCall, problem.Code);
        Assert.Equal(5, problem.Location.InstructionIndex);
    }

    [Fact]
    public void The_weak_topological_order_nests_an_inner_loop_inside_the_outer_one()
    {
        var graph = Build("""
            mov %r1, 0
            outer:
            mov %r2, 0
            inner:
            add %r2, 1
            jlt %r2, 3, inner
            add %r1, 1
            jlt %r1, 3, outer
            mov %r0, 0
            exit
            """);
        var order = WeakTopologicalOrder.Build(graph);
        var outer = Assert.Single(order, e => e.IsComponent);
        Assert.Equal(1, graph.Blocks[outer.Block].Start);
        var inner = Assert.Single(outer.Body, e => e.IsComponent);
        Assert.Equal(2, graph.Blocks[inner.Block].Start);
        Assert.Equal([outer.Block, inner.Block], WeakTopologicalOrder.Heads(order));
        Assert.Equal(0, order[0].Block);
    }
}
