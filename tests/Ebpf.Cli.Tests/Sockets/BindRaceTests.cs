using System.Globalization;

namespace Ebpf.Cli.Tests.Sockets;

/// <summary>
/// The check and the use are one: a process that rewrites its <c>sockaddr</c> from another thread while its
/// <c>bind</c> waits for the program cannot get a port the program refused, because the supervisor binds with the
/// copy it read and checked (a supervisor that let the kernel continue would re-read the changed buffer).
/// </summary>
public sealed class BindRaceTests
{
    /// <summary>
    /// Calls libc's bind directly on one sockaddr_in buffer, 2,000 times, while a second thread flips its port between
    /// the allowed and the refused one without pause; prints how many binds got each port, how many were refused, failed otherwise, found the port in use, or got a port torn between the two.
    /// </summary>
    private const string Racer = """
        import ctypes, socket, struct, sys, threading
        allowed, denied = int(sys.argv[1]), int(sys.argv[2])
        libc = ctypes.CDLL(None, use_errno=True)
        address = ctypes.create_string_buffer(struct.pack('<H', socket.AF_INET) + struct.pack('>H', allowed) + socket.inet_aton('127.0.0.1') + bytes(8), 16)
        ports = [struct.pack('>H', allowed), struct.pack('>H', denied)]
        done = False
        def flip():
            i = 0
            while not done:
                ctypes.memmove(ctypes.addressof(address) + 2, ports[i & 1], 2)
                i += 1
        threading.Thread(target=flip, daemon=True).start()
        counts = {'allowed': 0, 'denied': 0, 'eperm': 0, 'other': 0, 'in-use': 0, 'torn': 0}
        for _ in range(2000):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            if libc.bind(s.fileno(), address, 16) == 0:
                port = s.getsockname()[1]
                counts['allowed' if port == allowed else 'denied' if port == denied else 'torn'] += 1
            else:
                errno = ctypes.get_errno()
                counts['eperm' if errno == 1 else 'in-use' if errno == 98 else 'other'] += 1
                if errno not in (1, 98): print('errno', errno, file=sys.stderr)
            s.close()
        done = True
        print(counts['allowed'], counts['denied'], counts['eperm'], counts['other'], counts['in-use'], counts['torn'], flush=True)
        """;

    [SocketHookFact]
    public void A_process_changing_its_address_during_the_call_gets_only_what_the_program_allowed()
    {
        using var policy = SocketHookFixture.LoadPolicy();
        int allowed = SocketHookFixture.FreePort(), denied = SocketHookFixture.FreePort();
        SocketHookFixture.Put(policy, "denied_ports", (uint)denied, 1);
        using var session = SocketHookFixture.StartPython(policy, Racer, allowed.ToString(CultureInfo.InvariantCulture), denied.ToString(CultureInfo.InvariantCulture));
        var (exitCode, output, error) = SocketHookFixture.Finish(session);

        Assert.True(exitCode == 0, error);
        var counts = output.Trim().Split(' ').Select(long.Parse).ToArray();
        Assert.Equal(0, counts[1]);     // never bound at the refused port
        Assert.True(counts[3] == 0, error);     // nor failed otherwise
        // A port found free can be taken by another process of the machine before a bind: EADDRINUSE is theirs. A read
        // that lands in the middle of the flipper's two-byte write sees a mix of both ports: the program checked that
        // mix and allowed it (it is not the refused port), and the bind used it, which is what the hook promises.
        Assert.Equal(2000, counts[0] + counts[2] + counts[4] + counts[5]);
        // Both outcomes happen, so the flips did land between calls: the race was run, not avoided.
        Assert.True(counts[0] > 0 && counts[2] > 0, $"allowed {counts[0]}, refused {counts[2]}: the flipping thread never raced");
        Assert.Equal(counts[0] + counts[4] + counts[5], session.Counters.Allowed);
        Assert.Equal(counts[2], session.Counters.Denied);
    }
}
