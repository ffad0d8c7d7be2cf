namespace Ebpf.Verifier.Cfg;

/// <summary>What following an edge does to the state, beyond the instructions of its source block.</summary>
internal enum EdgeKind : byte
{
    /// <summary>Falls into the next block, or an unconditional jump.</summary>
    Goto,

    /// <summary>The condition of the source block's last instruction held.</summary>
    Taken,

    /// <summary>The condition of the source block's last instruction did not hold.</summary>
    NotTaken,

    /// <summary>A local call: a new frame for the callee.</summary>
    Call,

    /// <summary><c>exit</c> of a local function: back to the caller after its call.</summary>
    Return,

    /// <summary>From a callback helper call to its loop head: the helper's arguments were checked.</summary>
    CallbackLoop,

    /// <summary>From a callback loop head into the callback, in a new frame.</summary>
    CallbackEnter,

    /// <summary><c>exit</c> of a callback: back to its loop head, the caller's registers restored.</summary>
    CallbackReturn,

    /// <summary>From a callback loop head past the helper call: the helper returns.</summary>
    CallbackDone,
}
