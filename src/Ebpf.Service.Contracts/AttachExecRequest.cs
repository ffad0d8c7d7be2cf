namespace Ebpf.Service.Contracts;

/// <summary>
/// Attach socket address programs to a supervised command, inside the service (<c>ebpf exec --service</c>): the
/// service takes the command's seccomp listener from the calling process and decides its <c>bind</c> and
/// <c>connect</c> calls until every process of the command has exited or the link is detached.
/// </summary>
/// <param name="BindProgramIds">Loaded <c>cgroup/bind4</c>, <c>cgroup/bind6</c> or eBPF for Windows <c>bind</c> programs.</param>
/// <param name="ConnectProgramIds">Loaded <c>cgroup/connect4</c> or <c>cgroup/connect6</c> programs.</param>
/// <param name="ListenerFd">
/// The seccomp listener's descriptor number in the calling process (the socket's peer, whose pid the kernel gives
/// the service; no pid is taken from the request). The caller closes its own copy once answered.
/// </param>
/// <param name="ProcessId">The supervised command's pid, as the caller knows it: shown by <c>link show</c>.</param>
public sealed record AttachExecRequest(uint[] BindProgramIds, uint[] ConnectProgramIds, int ListenerFd, int ProcessId);
