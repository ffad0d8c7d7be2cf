using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Tests.Interpretation;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Helpers;

public sealed class IdentityHelperTests
{
    [Fact]
    public void Uid_gid_and_pid_tgid_describe_the_running_process()
    {
        var program = ProgramRunner.Decode("call 15\nmov %r6, %r0\ncall 14\nrsh %r0, 32\nlsh %r6, 32\nor %r0, %r6\nexit");
        var result = new Runtime.Interpretation.Interpreter(program, LinuxHelpers.Table).Run(ExecutionRequest.WithArguments());
        Assert.True(result.Succeeded, result.Fault?.ToString());
        // High half: the uid (the low half of get_current_uid_gid); low half: the tgid, our process id.
        Assert.Equal((uint)Environment.ProcessId, (uint)result.ReturnValue);
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            Assert.Equal(0u, (uint)(result.ReturnValue >> 32));
        }
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void The_socket_address_programs_of_the_corpus_load(EngineKind engine)
    {
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", "cgroup_sock_addr.o")), new LoadOptions(engine));
        Assert.Equal(4, loaded.Programs.Length);
        Assert.All(loaded.Programs, p => Assert.Equal(Core.Abi.ProgramType.CgroupSockAddr, p.Type));
    }
}
