namespace Ebpf.Service.Contracts;

/// <summary>What an <c>exec</c> link's supervisor did with the command's <c>bind</c> and <c>connect</c> calls so far.</summary>
/// <param name="Allowed">Calls a program allowed unchanged.</param>
/// <param name="Redirected">Calls performed at the address a program wrote.</param>
/// <param name="Denied">Calls refused (<c>EPERM</c>).</param>
/// <param name="Unhooked">IPv4 or IPv6 calls no program was attached for.</param>
/// <param name="PassedThrough">Calls on other families (<c>AF_UNIX</c>, ...) the kernel performed as made.</param>
/// <param name="Faults">Program runs that faulted (the call was refused).</param>
public sealed record SocketCallCounts(long Allowed, long Redirected, long Denied, long Unhooked, long PassedThrough, long Faults);
