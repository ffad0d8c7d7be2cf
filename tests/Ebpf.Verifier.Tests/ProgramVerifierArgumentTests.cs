using Ebpf.Verifier;

namespace Ebpf.Verifier.Tests;

public sealed class ProgramVerifierArgumentTests
{
    [Fact]
    public void A_missing_program_is_an_argument_error() =>
        Assert.Throws<ArgumentNullException>(() => ProgramVerifier.Verify(null!, []));
}
