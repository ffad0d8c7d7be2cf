using Ebpf.Api;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Programs;

// eBPF as a safe plug-in language for a .NET application: load a clang-compiled program, feed it
// packets of our own making, and read what it counted from its map.
using var plugin = BpfObject.Open(Path.Combine(AppContext.BaseDirectory, "count_protocols.o"));
plugin.Load();
var program = plugin.Program("count_protocols");

var udp = Packet(protocol: 17);
var icmp = Packet(protocol: 1);
foreach (var packet in new[] { udp, udp, icmp, udp })
{
    var verdict = program.TestRun(new TestRunOptions(packet)).ReturnValue;
    Console.WriteLine($"protocol {packet[23],3}: {(verdict == 1 ? "drop" : "pass")}");
}

var counts = plugin.Map("packets_by_protocol");
Console.WriteLine($"udp packets: {counts.Lookup<uint, ulong>(17)}, icmp packets: {counts.Lookup<uint, ulong>(1)}");

// A plug-in that reads the packet without checking its length never runs: loading it verifies it first,
// and the refusal says where and why, for the plug-in's author.
var refused = new List<Diagnostic>();
try
{
    using var unsafePlugin = BpfObject.Open(Path.Combine(AppContext.BaseDirectory, "unsafe_plugin.o"));
    unsafePlugin.Load();
}
catch (DiagnosticException refusal)
{
    refused.AddRange(refusal.Diagnostics);
    refused.ForEach(d => Console.WriteLine($"unsafe_plugin refused: {d}"));
}

return counts.Lookup<uint, ulong>(17) == 3 && counts.Lookup<uint, ulong>(1) == 1
    && refused.Exists(d => d.Code == DiagnosticCode.PacketOutOfBounds) ? 0 : 1;

// A minimal Ethernet + IPv4 packet: EtherType 0x0800 and the protocol byte are all the program reads.
static byte[] Packet(byte protocol)
{
    var packet = new byte[64];
    packet[12] = 0x08;
    packet[14] = 0x45;
    packet[23] = protocol;
    return packet;
}
