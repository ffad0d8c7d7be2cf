namespace Ebpf.Hooks.Sockets;

/// <summary>The system calls the socket hooks intercept.</summary>
public enum SocketCallKind
{
    /// <summary><c>bind(2)</c>: the <c>cgroup/bind4</c> and <c>cgroup/bind6</c> hooks.</summary>
    Bind,

    /// <summary><c>connect(2)</c>: the <c>cgroup/connect4</c> and <c>cgroup/connect6</c> hooks.</summary>
    Connect,
}
