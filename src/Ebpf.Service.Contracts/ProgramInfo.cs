namespace Ebpf.Service.Contracts;

/// <summary>A loaded program, as <c>bpftool prog show</c> lists one.</summary>
/// <param name="Id">Its id, unique for the life of the host.</param>
/// <param name="Name">Its function name.</param>
/// <param name="Type">Its program type (<c>xdp</c>, <c>socket_filter</c>, ...).</param>
/// <param name="Section">Its ELF section.</param>
/// <param name="Object">The object it came from.</param>
/// <param name="Instructions">Its length in instruction slots.</param>
/// <param name="Verified">True when the verifier proved it safe before load.</param>
/// <param name="MapIds">The ids of the maps of its object.</param>
/// <param name="Pins">Where it is pinned.</param>
public sealed record ProgramInfo(uint Id, string Name, string Type, string Section, string Object, int Instructions, bool Verified, uint[] MapIds, string[] Pins);
