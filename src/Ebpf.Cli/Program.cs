using Ebpf.Cli;
using Ebpf.Hooks.Sockets;

// `ebpf exec` starts this tool again as the launcher of the supervised command: an internal entry, before any
// command-line parsing, so the command starts as soon as the runtime does.
if (args is [SeccompLauncher.Verb, .. var launch])
{
    return SeccompLauncher.Run(launch);
}

return EbpfCommand.Invoke(args);
