namespace Ebpf.Runtime.Compilation;

/// <summary>Why compiled code unwinds to <see cref="JitProgram"/> instead of returning normally.</summary>
internal enum JitStop
{
    /// <summary>Running, or returned normally.</summary>
    None,

    /// <summary>A helper asked the program to end (or a legacy packet load missed): the result is <see cref="JitState.Result"/>.</summary>
    Exit,

    /// <summary>The run faulted: see <see cref="JitState.Fault"/>.</summary>
    Fault,

    /// <summary>
    /// <c>bpf_tail_call</c> succeeded: <see cref="JitState.TailCallTarget"/> runs next, in place of the function that
    /// made the call (<see cref="JitProgram.RunTailCalls"/>, called by that function's caller).
    /// </summary>
    TailCall,
}
