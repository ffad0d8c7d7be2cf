using Ebpf.Cli;

return EbpfCommand.Create().Parse(args).Invoke();
