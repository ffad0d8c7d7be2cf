using System.Reflection;
using System.Text;
using Ebpf.Core.Abi;
using Xunit.Abstractions;

namespace Ebpf.Core.Tests.Abi;

public sealed class KernelNumberingTests(ITestOutputHelper output)
{
    [KernelHeaderFact]
    public void Helper_numbers_equal_the_header()
    {
        var header = AbiHeaderProbe.Current.Helpers;
        var newest = header.Values.Max();
        var problems = new List<string>();
        foreach (var (name, id) in HelperIdConstants())
        {
            var kernelName = SnakeCase(name);
            if (header.TryGetValue(kernelName, out var actual))
            {
                if (actual != id)
                {
                    problems.Add($"BPF_FUNC_{kernelName} is {actual}, HelperId.{name} is {id}");
                }
            }
            else if (id <= newest)
            {
                problems.Add($"HelperId.{name} = {id}: the header has no BPF_FUNC_{kernelName}, yet knows helpers up to {newest}");
            }
            else
            {
                output.WriteLine($"not checked, newer than the installed header: BPF_FUNC_{kernelName} = {id}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [KernelHeaderFact]
    public void Every_helper_of_the_header_has_a_HelperId_constant()
    {
        var constants = HelperIdConstants().ToDictionary(c => SnakeCase(c.Name), c => c.Id);
        var missing = AbiHeaderProbe.Current.Helpers.Where(h => !constants.ContainsKey(h.Key)).Select(h => $"{h.Key} = {h.Value}").ToList();
        Assert.True(missing.Count == 0, "no HelperId constant for " + string.Join(", ", missing));
    }

    [KernelHeaderFact]
    public void Every_helper_prototype_has_the_header_number_of_its_name()
    {
        var header = AbiHeaderProbe.Current.Helpers;
        var constants = HelperIdConstants().ToDictionary(c => "bpf_" + SnakeCase(c.Name), c => c.Id);
        foreach (var helper in AbiTable.Linux.Helpers)
        {
            Assert.StartsWith("bpf_", helper.Name, StringComparison.Ordinal);
            Assert.Equal(constants[helper.Name], helper.Id);
            if (header.TryGetValue(helper.Name["bpf_".Length..], out var actual))
            {
                Assert.Equal(actual, helper.Id);
            }
        }
    }

    [KernelHeaderFact]
    public void Program_type_numbers_equal_the_header() => AssertEnumEqualsHeader<ProgramType>("prog_type", "BPF_PROG_TYPE_");

    [KernelHeaderFact]
    public void Map_type_numbers_equal_the_header() => AssertEnumEqualsHeader<MapType>("map_type", "BPF_MAP_TYPE_");

    [KernelHeaderFact]
    public void Attach_type_numbers_equal_the_header() => AssertEnumEqualsHeader<AttachType>("attach_type", "BPF_");

    /// <summary>
    /// Compares every member with the header constant of the same name (underscores and case aside;
    /// <c>Unspecified</c> is <c>UNSPEC</c>). A constant the installed header lacks must be newer than all it has.
    /// </summary>
    private void AssertEnumEqualsHeader<T>(string kind, string prefix) where T : struct, Enum
    {
        var printed = AbiHeaderProbe.Current.Constants[kind];
        var byKey = printed.ToDictionary(p => Normalize(p.Key[prefix.Length..]), p => (Name: p.Key, p.Value));
        var newest = printed.Values.Max();
        var problems = new List<string>();
        foreach (var member in Enum.GetValues<T>())
        {
            var number = Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture);
            var key = member.ToString() == "Unspecified" ? "unspec" : Normalize(member.ToString());
            if (!byKey.TryGetValue(key, out var constant))
            {
                problems.Add($"abi_probe.c does not print the constant of {typeof(T).Name}.{member}");
            }
            else if (constant.Value is { } value)
            {
                if (value != number)
                {
                    problems.Add($"{constant.Name} is {value}, {typeof(T).Name}.{member} is {number}");
                }
            }
            else if (number <= newest)
            {
                problems.Add($"{typeof(T).Name}.{member} = {number}: the header lacks {constant.Name}, yet has constants up to {newest}");
            }
            else
            {
                output.WriteLine($"not checked, newer than the installed header: {constant.Name} = {number}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static IEnumerable<(string Name, int Id)> HelperIdConstants() =>
        typeof(HelperId).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (int)f.GetRawConstantValue()!));

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary><c>XdpAdjustHead</c> to <c>xdp_adjust_head</c>; digits stay with their word (<c>L3CsumReplace</c>).</summary>
    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
