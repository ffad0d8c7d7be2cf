return await Ebpf.Service.Hosting.ServiceCommandLine.RunAsync(args).ConfigureAwait(false);
