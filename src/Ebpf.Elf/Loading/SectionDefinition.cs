using Ebpf.Core.Abi;

namespace Ebpf.Elf.Loading;

/// <summary>One rule of libbpf's section-name table: a name, the program type and attach type it implies.</summary>
/// <param name="Name">The section name; with <see cref="TakesTarget"/>, a prefix that may be followed by <c>/target</c>.</param>
/// <param name="Type">The program type.</param>
/// <param name="AttachType">The expected attach type, if the name implies one.</param>
/// <param name="TakesTarget">libbpf's <c>+</c>: the name may stand alone or be followed by <c>/</c> and an attach target.</param>
public sealed record SectionDefinition(string Name, ProgramType Type, AttachType? AttachType, bool TakesTarget = false)
{
    /// <summary>Whether <paramref name="section"/> matches, and the attach target that follows the prefix.</summary>
    public bool Matches(string section, out string? target)
    {
        target = null;
        if (section == Name)
        {
            return true;
        }

        if (TakesTarget && section.Length > Name.Length + 1 && section.StartsWith(Name, StringComparison.Ordinal) && section[Name.Length] == '/')
        {
            target = section[(Name.Length + 1)..];
            return true;
        }

        return false;
    }
}
