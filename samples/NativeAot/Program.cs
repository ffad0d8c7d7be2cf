using System.Runtime.CompilerServices;
using Ebpf.Api;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Programs;
using NativeAot.Bpf;

// An eBPF program in a process that may not generate code (Native AOT): Generated/XdpCountDrop.g.cs is what
// `ebpf compile xdp_count_drop.o` wrote from the benchmark program, verified when it was generated. The process runs
// with RuntimeFeature.IsDynamicCodeSupported false (NativeAot.csproj), as a Native AOT build does.
Console.WriteLine($"dynamic code supported: {RuntimeFeature.IsDynamicCodeSupported}");

// The JIT refuses clearly here, with a code.
var jitRefused = false;
try
{
    // r0 = 0; exit
    ProgramDecoder.TryDecode([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0], out var tiny, out _);
    Engines.Prepare(EngineKind.Jit, tiny!, HelperTable.Empty);
}
catch (DiagnosticException refusal) when (refusal.Diagnostics.Any(d => d.Code == DiagnosticCode.JitUnavailable))
{
    jitRefused = true;
    Console.WriteLine($"jit: {refusal.Diagnostics[0]}");
}

// The generated object loads on its generated code: maps from its specs, programs not verified again.
using var obj = BpfObject.OpenNative<XdpCountDrop>();
obj.Load();
var program = obj.Program("count_and_drop_udp");
Console.WriteLine($"engine: {program.Loaded!.Executable.Engine}, verified at build: {program.Loaded.IsVerified}");

foreach (var protocol in new byte[] { 17, 6, 17, 1, 17 })
{
    var verdict = program.TestRun(new TestRunOptions(Packet(protocol))).ReturnValue;
    Console.WriteLine($"protocol {protocol,3}: {(verdict == 1 ? "XDP_DROP" : "XDP_PASS")}");
}

var counts = obj.Map("proto_count");
var udp = counts.Lookup<uint, ulong>(17);
Console.WriteLine($"udp: {udp}, tcp: {counts.Lookup<uint, ulong>(6)}, icmp: {counts.Lookup<uint, ulong>(1)}");
return jitRefused == !RuntimeFeature.IsDynamicCodeSupported && program.Loaded.Executable.Engine == EngineKind.Native && udp == 3 ? 0 : 1;

// A minimal Ethernet + IPv4 header: EtherType 0x0800 and the protocol byte are all the program reads.
static byte[] Packet(byte protocol)
{
    var packet = new byte[64];
    packet[12] = 0x08;
    packet[14] = 0x45;
    packet[23] = protocol;
    return packet;
}
