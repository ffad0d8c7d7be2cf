using System.CommandLine;
using System.Security.Cryptography;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Verifier;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf compile OBJ [--out DIR] [--namespace NS] [--class NAME] [--unverified]</c>: verifies every program and
/// writes the object as C# for ahead-of-time ("native") use (docs/native.md). Exit 0 when written, 1 when a program
/// is not proven safe (nothing is written), 2 for bad input.
/// </summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object." };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder the C# file is written to (default: the current folder).", DefaultValueFactory = _ => "." };
        var ns = new Option<string>("--namespace") { Description = "Namespace of the generated type.", DefaultValueFactory = _ => "Ebpf.Native" };
        var className = new Option<string?>("--class") { Description = "Name of the generated type (default: from the object's name, xdp_count.o -> XdpCount)." };
        var unverified = new Option<bool>("--unverified")
        {
            Description = "Write the file even if the verifier rejects a program. Its programs then load in the checked interpreter, not as native code.",
        };
        var command = new Command("compile", "Verify an object and write it as C# that runs without generating code at run time (Native AOT).")
        {
            path, outDir, ns, className, unverified,
        };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var bytes = CommandAction.ReadFile(file);
            var spec = ObjectInput.Load(file);
            var error = parse.InvocationConfiguration.Error;
            var rejected = spec.Programs
                .Select(p => (Program: p, Result: ProgramVerifier.Verify(p, spec.Maps, new VerifierOptions())))
                .Where(v => !v.Result.IsAccepted)
                .ToList();
            var allowUnverified = parse.GetValue(unverified);
            foreach (var (program, result) in rejected)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    error.WriteLine(diagnostic);
                }

                var refusal = new Diagnostic(DiagnosticCode.NativeCompileRefused, $"program '{program.Name}' was not proven safe", new DiagnosticLocation(File: file, Program: program.Name));
                error.WriteLine(allowUnverified ? "warning" + refusal.ToString()["error".Length..] : refusal.ToString());
            }

            if (rejected.Count > 0 && !allowUnverified)
            {
                return EbpfCommand.NegativeVerdict;
            }

            if (allowUnverified)
            {
                error.WriteLine("warning: --unverified: the generated file is marked unverified; its programs will load in the checked interpreter, never as unchecked native code.");
            }

            var options = new NativeWriterOptions(parse.GetValue(ns)!, parse.GetValue(className))
            {
                Verified = rejected.Count == 0 && !allowUnverified,
                ObjectSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                SourceName = Path.GetFileName(file),
                GeneratorVersion = typeof(CompileCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            };
            var source = NativeObjectWriter.Write(spec, options);
            var folder = parse.GetValue(outDir)!;
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, (options.ClassName ?? NativeObjectWriter.TypeNameOf(spec)) + ".g.cs");
            File.WriteAllText(target, source);
            output.WriteLine($"wrote {target}: {spec.Programs.Length} program(s), {spec.Maps.Length} map(s){(options.Verified ? ", verified" : ", UNVERIFIED")}");
            return EbpfCommand.Success;
        }));
        return command;
    }
}
