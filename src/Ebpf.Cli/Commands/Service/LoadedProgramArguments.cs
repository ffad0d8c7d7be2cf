namespace Ebpf.Cli.Commands.Service;

/// <summary>
/// bpftool spells a run or dump of a loaded program as the file-based one with <c>id N</c> or <c>pinned PATH</c> where
/// the file was (<c>prog run pinned /sys/fs/bpf/p data_in pkt</c>). The two keep one spelling here: such argument lists
/// go to the service's hidden commands, file paths to the file-based ones.
/// </summary>
internal static class LoadedProgramArguments
{
    public static string[] Route(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var routed = (string[])args.Clone();
        for (var i = 0; i + 2 < routed.Length; i++)
        {
            if (routed[i] != "prog")
            {
                continue;
            }

            if (routed[i + 1] == "run" && IsLoaded(routed[i + 2]))
            {
                routed[i + 1] = ProgServiceCommands.RunLoaded;
            }
            else if (i + 3 < routed.Length && routed[i + 1] == "dump" && routed[i + 2] == "xlated" && IsLoaded(routed[i + 3]))
            {
                routed[i + 2] = ProgServiceCommands.XlatedLoaded;
            }

            break;
        }

        return routed;
    }

    private static bool IsLoaded(string word) => word is "id" or "pinned";
}
