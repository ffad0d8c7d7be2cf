namespace Ebpf.Core.Isa;

/// <summary>The source field of <c>lddw</c>: how the 64-bit immediate is to be read (RFC 9669 section 5.4).</summary>
/// <remarks>Relocated objects use the pseudo forms; a loader turns them into addresses before a program runs.</remarks>
public enum LoadImm64Source : byte
{
    /// <summary><c>dst = imm64</c>.</summary>
    Immediate = 0,
    /// <summary><c>dst = map_by_fd(imm)</c> (<c>BPF_PSEUDO_MAP_FD</c>).</summary>
    MapByFd = 1,
    /// <summary><c>dst = map_val(map_by_fd(imm)) + next_imm</c> (<c>BPF_PSEUDO_MAP_VALUE</c>).</summary>
    MapValueByFd = 2,
    /// <summary><c>dst = var_addr(imm)</c> (<c>BPF_PSEUDO_BTF_ID</c>).</summary>
    VariableAddress = 3,
    /// <summary><c>dst = code_addr(imm)</c>: the address of a local function (<c>BPF_PSEUDO_FUNC</c>).</summary>
    CodeAddress = 4,
    /// <summary><c>dst = map_by_idx(imm)</c> (<c>BPF_PSEUDO_MAP_IDX</c>).</summary>
    MapByIndex = 5,
    /// <summary><c>dst = map_val(map_by_idx(imm)) + next_imm</c> (<c>BPF_PSEUDO_MAP_IDX_VALUE</c>).</summary>
    MapValueByIndex = 6,
}
