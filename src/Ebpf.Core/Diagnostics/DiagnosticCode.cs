namespace Ebpf.Core.Diagnostics;

/// <summary>
/// Stable diagnostic codes, shown as <c>EBPF</c> and four digits. Never renumber: users and tests match on them.
/// </summary>
/// <remarks>1xxx decoding, 2xxx assembly and test files (22xx native compilation), 3xxx execution faults (32xx live maps), 40xx ELF objects, 41xx BTF, 50xx-58xx the verifier's analysis, 59xx its tools, 60xx hooks, 9xxx tool input.</remarks>
public enum DiagnosticCode
{
    /// <summary>The program has no instructions.</summary>
    EmptyProgram = 1001,
    /// <summary>The byte length is not a multiple of 8.</summary>
    TruncatedInstruction = 1002,
    /// <summary>No instruction has this opcode.</summary>
    UnknownOpcode = 1003,
    /// <summary>A field the instruction does not use is not zero.</summary>
    ReservedFieldNotZero = 1004,
    /// <summary>A register field names a register above r10.</summary>
    InvalidRegister = 1005,
    /// <summary>The opcode is known but the field that selects its variant has no valid value.</summary>
    UnknownVariant = 1006,
    /// <summary><c>lddw</c> is the last slot, without its second half.</summary>
    IncompleteLoadImm64 = 1007,
    /// <summary>The second slot of <c>lddw</c> has a non-zero field other than imm.</summary>
    InvalidLoadImm64SecondSlot = 1008,
    /// <summary>A jump or local call lands outside the program.</summary>
    JumpOutOfRange = 1009,
    /// <summary>A jump or local call lands on the second slot of <c>lddw</c>.</summary>
    JumpIntoLoadImm64 = 1010,
    /// <summary>An instruction writes the read-only frame pointer r10.</summary>
    FramePointerWrite = 1011,

    /// <summary>The assembler does not know the mnemonic.</summary>
    UnknownMnemonic = 2001,
    /// <summary>The mnemonic takes another number of operands.</summary>
    OperandCount = 2002,
    /// <summary>An operand is not a register r0 to r10.</summary>
    InvalidRegisterOperand = 2003,
    /// <summary>An immediate is malformed or outside its range.</summary>
    InvalidImmediate = 2004,
    /// <summary>A memory operand is malformed, or its offset is outside 16 bits.</summary>
    InvalidMemoryOperand = 2005,
    /// <summary>A jump names a label that is not defined.</summary>
    UndefinedLabel = 2006,
    /// <summary>A label is defined twice.</summary>
    DuplicateLabel = 2007,
    /// <summary>A jump target is too far for its offset field.</summary>
    JumpTooFar = 2008,
    /// <summary>A conformance test file has a section this tool does not know.</summary>
    UnknownTestSection = 2101,
    /// <summary>A conformance test file has no program.</summary>
    MissingTestProgram = 2102,
    /// <summary>A conformance test file has a malformed <c>-- raw</c>, <c>-- mem</c> or <c>-- result</c> section.</summary>
    MalformedTestSection = 2103,
    /// <summary>The <c>-- asm</c> and <c>-- raw</c> sections of a test disagree.</summary>
    RawMismatch = 2104,

    /// <summary>The JIT was asked for where the process cannot generate code at run time (Native AOT, dynamic code disabled).</summary>
    JitUnavailable = 2201,
    /// <summary>A native (ahead-of-time generated) object has no code for a program it describes.</summary>
    NativeProgramMissing = 2202,
    /// <summary><c>ebpf compile</c> refused an object: a program was not proven safe, or cannot be compiled ahead of time.</summary>
    NativeCompileRefused = 2203,

    /// <summary>A memory access lies outside every region the program was given.</summary>
    OutOfBoundsAccess = 3001,
    /// <summary>A store targets a read-only region.</summary>
    ReadOnlyWrite = 3002,
    /// <summary>A register is read before it was written.</summary>
    UninitializedRegister = 3003,
    /// <summary>The program calls a helper that is not registered.</summary>
    UnknownHelper = 3004,
    /// <summary>Local calls nest deeper than the frame limit.</summary>
    CallDepthExceeded = 3005,
    /// <summary>The run executed more instructions than its budget allows.</summary>
    InstructionBudgetExceeded = 3006,
    /// <summary>Execution ran past the last instruction.</summary>
    FellOffEnd = 3007,
    /// <summary>The instruction needs something the run does not provide (kfunc, packet, pseudo map reference).</summary>
    UnsupportedAtRuntime = 3008,
    /// <summary>A helper reported a fault.</summary>
    HelperFault = 3009,
    /// <summary>An atomic operation targets an address not aligned to its size.</summary>
    MisalignedAtomic = 3010,
    /// <summary>A test run's input does not suit the program type, or the type has no test runs.</summary>
    InvalidTestRun = 3101,
    /// <summary>A program calls a helper its program type may not call.</summary>
    HelperNotAllowed = 3301,
    /// <summary>A program calls a helper this platform does not implement yet.</summary>
    HelperNotImplemented = 3302,
    /// <summary>A program's section does not name a program type, and none was given.</summary>
    UnknownProgramType = 3303,
    /// <summary>A map pinned by name already exists at its path with another definition.</summary>
    PinnedMapMismatch = 3304,
    /// <summary>The program's type has no context, helpers or hooks on this platform yet.</summary>
    ProgramTypeNotSupported = 3305,
    /// <summary>A callback (of <c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>) can reach <c>bpf_tail_call</c>, which Linux refuses to load.</summary>
    TailCallInCallback = 3306,

    /// <summary>A map definition is refused at creation, as Linux refuses it with <c>EINVAL</c> (sizes, flags, capacity, inner map).</summary>
    InvalidMapDefinition = 3201,
    /// <summary>A map is too large to create (Linux: <c>E2BIG</c> or <c>ENOMEM</c>).</summary>
    MapTooLarge = 3202,
    /// <summary>The runtime does not implement this map type.</summary>
    UnsupportedMapType = 3203,

    /// <summary>The input is not an ELF file.</summary>
    NotElf = 4001,
    /// <summary>The ELF file is not a 64-bit little-endian relocatable BPF object.</summary>
    UnsupportedElf = 4002,
    /// <summary>An ELF structure (header, section, table) lies outside the file or is inconsistent.</summary>
    MalformedElf = 4003,
    /// <summary>A symbol table entry is malformed or names a section that does not exist.</summary>
    MalformedSymbol = 4004,
    /// <summary>A relocation is malformed, of an unsupported type, or points at something it cannot.</summary>
    MalformedRelocation = 4005,
    /// <summary>A map definition (BTF <c>.maps</c> or legacy <c>maps</c>) is malformed.</summary>
    MalformedMapDefinition = 4006,
    /// <summary>A relocation or call refers to a symbol that no section defines.</summary>
    UnresolvedSymbol = 4007,

    /// <summary>The <c>.BTF</c> section is malformed.</summary>
    MalformedBtf = 4101,
    /// <summary>The <c>.BTF.ext</c> section is malformed.</summary>
    MalformedBtfExt = 4102,
    /// <summary>A CO-RE relocation is malformed, ambiguous in the target BTF, or does not fit its instruction.</summary>
    CoreRelocationFailed = 4103,
    /// <summary>The object has CO-RE relocations and there is no target BTF to apply them against.</summary>
    CoreTargetBtfRequired = 4104,
    /// <summary>A CO-RE relocation found no match in the target BTF: its instruction is poisoned, and a program that reaches it is refused.</summary>
    UnresolvedCoreRelocation = 4105,
    /// <summary>A target BTF file (<c>--btf</c>) is neither raw BTF nor an ELF file with a readable <c>.BTF</c> section.</summary>
    InvalidTargetBtf = 4106,
    /// <summary>A kernel configuration (<c>--kconfig</c>) cannot be read, or a value does not fit the <c>__kconfig</c> extern that asks for it.</summary>
    InvalidKernelConfig = 4107,

    /// <summary>libpcap (or Npcap's wpcap on Windows) could not be loaded.</summary>
    PcapUnavailable = 6001,
    /// <summary>A capture file does not exist.</summary>
    CaptureNotFound = 6002,
    /// <summary>libpcap could not read a file as a pcap or pcapng capture.</summary>
    NotACapture = 6003,
    /// <summary>A capture's link type is not Ethernet, the frames XDP programs see.</summary>
    UnsupportedLinkType = 6004,
    /// <summary>A capture file could not be created or written.</summary>
    CaptureWriteFailed = 6005,
    /// <summary>The program to attach or run over packets is not an XDP program.</summary>
    NotAnXdpProgram = 6006,
    /// <summary>A network interface named on the command line does not exist.</summary>
    InterfaceNotFound = 6007,
    /// <summary>A packet socket could not be opened, bound or configured (permissions, platform).</summary>
    PacketSocketFailed = 6008,
    /// <summary>A program given to a socket hook is not a socket address program for that hook (<c>cgroup/bind4</c>, <c>cgroup/connect6</c>, ...).</summary>
    NotASocketAddressProgram = 6101,
    /// <summary>The kernel refused seccomp user notification (needs Linux 5.0 with seccomp, and not already under a filter that forbids it).</summary>
    SeccompUnavailable = 6102,
    /// <summary>The supervised command could not be started under the hook (the launcher failed or exited before handing over its filter).</summary>
    SupervisedLaunchFailed = 6103,
    /// <summary>A supervised command's seccomp listener could not be taken from the process that holds it (gone, not permitted, or not a listener).</summary>
    SeccompListenerUnavailable = 6120,
    /// <summary>An eBPF for Windows <c>cgroup/recv_accept4</c>/<c>6</c> program was given to a socket hook, which has no receive/accept point to run it at.</summary>
    RecvAcceptNotHooked = 6140,
    /// <summary>A local call reaches a function already on the call chain.</summary>
    RecursiveCall = 5001,
    /// <summary>Local calls nest deeper than Linux's eight frames.</summary>
    TooManyCallFrames = 5002,
    /// <summary>Execution can run past the end of a function, or a jump leaves it.</summary>
    FallsOffFunction = 5003,
    /// <summary>A callback helper's function argument is not a code address loaded just before the call.</summary>
    UnresolvedCallback = 5004,
    /// <summary>A loop could not be proven to end.</summary>
    UnboundedLoop = 5005,
    /// <summary>The stack of a call chain exceeds 512 bytes.</summary>
    StackTooLarge = 5006,
    /// <summary>An instruction the verifier does not accept (kfunc, callx, unrelocated map reference).</summary>
    UnverifiableInstruction = 5007,
    /// <summary>The program's type has no description the verifier can check it against.</summary>
    UnverifiableProgramType = 5008,
    /// <summary>The program exceeds the analysis' limits.</summary>
    ProgramTooComplex = 5009,
    /// <summary>A register is read before it is written on some path.</summary>
    UninitializedRegisterRead = 5101,
    /// <summary>Stack bytes are read before they are written.</summary>
    UninitializedStackRead = 5102,
    /// <summary>A stack access lies outside the current frame and its callers'.</summary>
    StackOutOfBounds = 5103,
    /// <summary>A context access at an offset, width or attach type the program type does not allow.</summary>
    InvalidContextAccess = 5201,
    /// <summary>A store to a read-only context field.</summary>
    ContextFieldReadOnly = 5202,
    /// <summary>A packet access not proven within data_end.</summary>
    PacketOutOfBounds = 5203,
    /// <summary>A map value access outside value_size.</summary>
    MapValueOutOfBounds = 5204,
    /// <summary>A store to a map programs may not write (.rodata).</summary>
    ReadOnlyMapWrite = 5205,
    /// <summary>A map value or record that may be null is dereferenced.</summary>
    PossibleNullDereference = 5206,
    /// <summary>A load or store through something that is not a pointer to memory.</summary>
    InvalidDereference = 5207,
    /// <summary>A ring buffer record access outside its reserved size.</summary>
    RecordOutOfBounds = 5208,
    /// <summary>Arithmetic on a pointer that the kernel does not allow.</summary>
    InvalidPointerArithmetic = 5301,
    /// <summary>A comparison of pointers to different regions, or of a pointer with a number.</summary>
    PointerComparison = 5302,
    /// <summary>A pointer stored where a number is expected.</summary>
    PointerLeak = 5303,
    /// <summary>The program returns a pointer.</summary>
    PointerReturned = 5304,
    /// <summary>A call to a helper the ABI table has no prototype for.</summary>
    UnknownHelperPrototype = 5401,
    /// <summary>A call to a helper the program type may not call.</summary>
    HelperNotAllowedForType = 5402,
    /// <summary>A helper argument of the wrong kind.</summary>
    InvalidHelperArgument = 5403,
    /// <summary>A helper's memory argument smaller than its size, or a size not bounded.</summary>
    HelperMemoryTooSmall = 5404,
    /// <summary>bpf_tail_call through a map that is not a program array.</summary>
    TailCallWithoutProgramArray = 5405,
    /// <summary>A callback returns a value outside [0, 1].</summary>
    CallbackReturnValue = 5406,
    /// <summary>A ring buffer record is not submitted or discarded on some path.</summary>
    UnreleasedRecord = 5407,
    /// <summary>r0 at exit outside the program type's range.</summary>
    ReturnValueOutOfRange = 5501,

    /// <summary>
    /// A tracing program dereferences a BTF-typed pointer (<c>PTR_TO_BTF_ID</c>: an argument, or a helper's result) while it is
    /// verified without target types, as for a run in user mode, where no kernel objects exist.
    /// </summary>
    BtfTypedPointerUnsupported = 5601,

    /// <summary>A BTF-attached program's attach target (<c>fentry/NAME</c>, <c>tp_btf/NAME</c>, <c>iter/NAME</c>) is not in the target BTF.</summary>
    AttachTargetNotFound = 5701,
    /// <summary>A load through a BTF-typed pointer that no member of its type covers (outside the type, in padding, part of a pointer, at a variable offset).</summary>
    BtfAccessOutsideType = 5702,
    /// <summary>A store or atomic operation through a BTF-typed pointer: kernel objects are read-only to tracing programs.</summary>
    BtfObjectWrite = 5703,
    /// <summary>A read of a tracing program's argument that its attach target does not have, or whose type the kernel cannot give it.</summary>
    TracingArgumentInvalid = 5704,
    /// <summary>A helper argument that must be a BTF-typed pointer to a given struct (<c>ARG_PTR_TO_BTF_ID</c>) is another type, or untrusted.</summary>
    BtfArgumentMismatch = 5705,

    /// <summary>No service answers at the socket; it must be started (<c>ebpfd</c>, or <c>systemctl start ebpfd</c>).</summary>
    ServiceUnavailable = 7001,
    /// <summary>The caller's peer credentials do not allow the request.</summary>
    ServicePermissionDenied = 7002,
    /// <summary>No program, map or link has that id, or nothing is pinned at that path.</summary>
    ServiceObjectNotFound = 7003,
    /// <summary>A pin path is not absolute, is already taken, or names the wrong kind of object.</summary>
    ServicePinRefused = 7004,
    /// <summary>A map operation failed with an errno (no such key, map full, ...).</summary>
    ServiceMapOperationFailed = 7005,
    /// <summary>A request is not valid JSON for its route, or a field is missing or has the wrong size.</summary>
    ServiceRequestMalformed = 7006,
    /// <summary>A request body is larger than the service reads.</summary>
    ServiceRequestTooLarge = 7007,
    /// <summary>No route of this contract version matches the request.</summary>
    ServiceRouteNotFound = 7008,
    /// <summary>A persisted pin could not be restored at start (its state files are missing or damaged, or its program is no longer accepted).</summary>
    ServiceStateRestoreFailed = 7009,
    /// <summary>The service answered with something that is not the contract (another program on the socket, or a version mismatch).</summary>
    ServiceProtocolError = 7010,
    /// <summary>A persisted link could not be attached again at start: its pinned program was not restored, or its interface does not exist.</summary>
    ServiceLinkNotRestored = 7011,
    /// <summary>An <c>exec</c> link was asked of the service over a connection without Unix peer credentials (a named pipe): it takes the listener from the peer process.</summary>
    ServiceExecLinkNeedsUnixPeer = 7030,

    /// <summary>An input file or folder does not exist.</summary>
    InputNotFound = 9001,
    /// <summary>An input could not be read (permissions, I/O error).</summary>
    InputUnreadable = 9002,
    /// <summary>An input is not in a format the command accepts.</summary>
    InputFormat = 9003,
}
