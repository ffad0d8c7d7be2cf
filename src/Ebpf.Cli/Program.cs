using Ebpf.Cli;

return EbpfCommand.Invoke(args);
