namespace Ebpf.Runtime.Execution;

/// <summary>The bound run of engines that prepare nothing per caller: <see cref="IExecutable.Run"/> with the request kept.</summary>
internal sealed class RequestRun(IExecutable executable, ExecutionRequest request) : BoundRun
{
    /// <inheritdoc />
    public override ExecutionResult Run() => executable.Run(in request);
}
