using EdgeWasm.Protocol.Images;
using System.CommandLine;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Cli.Push;

/// <summary>
/// <c>edgewasm push MODULE REGISTRY/REPOSITORY:TAG</c>: pushes a wasm module as an OCI artifact and prints the
/// manifest digest (pin it in a pod as <c>image: REGISTRY/REPOSITORY@DIGEST</c>).
/// </summary>
internal static class PushCommand
{
    /// <summary>The environment variable holding the registry password when --password-stdin is not given.</summary>
    public const string PasswordVariable = "EDGEWASM_REGISTRY_PASSWORD";

    /// <summary>Builds the command. <paramref name="stdin"/> and <paramref name="environment"/> stand in for the console in tests.</summary>
    public static Command Create(TextReader? stdin = null, Func<string, string?>? environment = null)
    {
        var module = new Argument<FileInfo>("module") { Description = "The .wasm file to push" };
        var reference = new Argument<string>("reference") { Description = "Where to push it: REGISTRY/REPOSITORY:TAG" };
        var username = new Option<string?>("--username", "-u") { Description = $"Registry user; the password comes from --password-stdin or ${PasswordVariable}" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the registry password from standard input" };
        var plainHttp = new Option<bool>("--plain-http") { Description = "Speak plain HTTP to this registry (loopback registries always do)" };
        var command = new Command("push", "Push a wasm module to an OCI registry and print its manifest digest")
        {
            module, reference, username, passwordStdin, plainHttp,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new PushArguments(parse.GetValue(module)!, parse.GetValue(reference)!, parse.GetValue(username), parse.GetValue(passwordStdin), parse.GetValue(plainHttp)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            stdin ?? Console.In,
            environment ?? Environment.GetEnvironmentVariable,
            cancellationToken));
        return command;
    }

    private sealed record PushArguments(FileInfo Module, string Reference, string? Username, bool PasswordFromStdin, bool PlainHttp);

    private static async Task<int> RunAsync(PushArguments args, TextWriter output, TextWriter error, TextReader stdin, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(args.Reference, out var target, out var reason))
        {
            await error.WriteLineAsync($"edgewasm push: '{args.Reference}' is not an image reference (REGISTRY/REPOSITORY:TAG): {reason}");
            return 2;
        }

        byte[] module;
        try
        {
            module = await File.ReadAllBytesAsync(args.Module.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"edgewasm push: cannot read {args.Module.FullName}: {ex.Message}");
            return 2;
        }

        RegistryCredential? credential = null;
        if (args.Username is { } user)
        {
            var password = args.PasswordFromStdin ? (await stdin.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : environment(PasswordVariable);
            if (password is null)
            {
                await error.WriteLineAsync($"edgewasm push: --username needs a password: pipe it to --password-stdin or set {PasswordVariable}");
                return 2;
            }

            credential = new RegistryCredential(target!.Registry, user, password);
        }

        var options = new RegistryClientOptions();
        if (args.PlainHttp) options.PlainHttpRegistries.Add(target!.Registry);
        using var http = RegistryClient.CreateHttpClient();
        var pusher = new ModulePusher(new RegistryClient(http, options, TimeProvider.System, NullLogger<RegistryClient>.Instance), TimeProvider.System);
        try
        {
            // The file's time, not the clock's: pushing the same file again yields the same digest.
            var pushed = await pusher.PushAsync(module, target!, credential, args.Module.LastWriteTimeUtc, cancellationToken);
            await output.WriteLineAsync(pushed.ManifestDigest.Value);
            await error.WriteLineAsync($"pushed {args.Module.Name} ({pushed.Size} bytes, layer {pushed.LayerDigest}) to {target}");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"edgewasm push: {args.Module.Name}: {ex.Message}");
            return 2;
        }
        catch (ImageException ex)
        {
            await error.WriteLineAsync($"edgewasm push: {ex.Message}");
            return 1;
        }
    }
}
