namespace Ebpf.Runtime.Programs;

/// <summary>
/// The task on whose behalf a hook runs a program, for the identity helpers: in the kernel a socket hook runs in
/// the calling thread, so <c>bpf_get_current_pid_tgid</c> and <c>bpf_get_current_uid_gid</c> name it, not the
/// process that happens to run the program here.
/// </summary>
/// <param name="ProcessId">The thread group id (the process, Linux's tgid).</param>
/// <param name="ThreadId">The thread id (Linux's pid).</param>
/// <param name="UserId">The real user id.</param>
/// <param name="GroupId">The real group id.</param>
public readonly record struct CallerTask(uint ProcessId, uint ThreadId, uint UserId, uint GroupId);
