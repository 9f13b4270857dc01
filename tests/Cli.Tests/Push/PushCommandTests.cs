using System.CommandLine;
using System.Net.Http.Headers;
using EdgeWasm.Cli.Push;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Push;

/// <summary><c>edgewasm push</c> against a real docker-registry.</summary>
public sealed class PushCommandTests
{
    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> PushAsync(string[] args, string stdin = "", Func<string, string?>? environment = null)
    {
        var root = new RootCommand { PushCommand.Create(new StringReader(stdin), environment ?? (_ => null)) };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["push", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Run(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Push_PrintsTheManifestDigest_WhichTheRegistryServesTheModuleUnder()
    {
        await using var registry = await OciRegistryFixture.StartAsync();

        var run = await PushAsync([Fixtures.Wasm("hello"), $"{registry.Host}/demo/hello:1.0"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var digest = run.Output.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{registry.Host}/v2/demo/hello/manifests/1.0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await http.SendAsync(request);
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        var manifest = await response.Content.ReadAsStringAsync();
        Assert.Contains("application/vnd.wasm.content.layer.v1+wasm", manifest, StringComparison.Ordinal);
        Assert.Contains("application/vnd.wasm.config.v1+json", manifest, StringComparison.Ordinal);
        Assert.Contains("pushed hello.wasm", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_WithCredentials_FromStdinOrTheEnvironment_ReachesAnAuthenticatedRegistry()
    {
        await using var registry = await OciRegistryFixture.StartAsync(new RegistryAuth.Htpasswd(new Dictionary<string, string> { ["ci"] = "pw" }));
        string[] args = [Fixtures.Wasm("hello"), $"{registry.Host}/demo/hello:1", "--username", "ci"];

        var fromStdin = await PushAsync([.. args, "--password-stdin"], stdin: "pw\n");
        var fromEnvironment = await PushAsync(args, environment: name => name == PushCommand.PasswordVariable ? "pw" : null);
        var wrong = await PushAsync([.. args, "--password-stdin"], stdin: "nope\n");
        var missing = await PushAsync(args);

        Assert.True(fromStdin.ExitCode == 0, fromStdin.Error);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Error);
        Assert.Equal(fromStdin.Output, fromEnvironment.Output);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("refused user 'ci'", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(PushCommand.PasswordVariable, missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_WithTheRegistryDown_FailsWithExitCode1_AndSaysSo()
    {
        await using var registry = await OciRegistryFixture.StartAsync();
        await registry.StopAsync();

        var run = await PushAsync([Fixtures.Wasm("hello"), $"{registry.Host}/demo/hello:1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unreachable", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Push_BadInput_FailsWithExitCode2_BeforeAnyNetwork()
    {
        using var folder = new TempDirectory();
        var text = folder.Combine("notes.txt");
        await File.WriteAllTextAsync(text, "not a module");

        var notWasm = await PushAsync([text, "127.0.0.1:1/demo/x:1"]);
        var badReference = await PushAsync([Fixtures.Wasm("hello"), "127.0.0.1:1/Demo/X:1"]);
        var noFile = await PushAsync([folder.Combine("missing.wasm"), "127.0.0.1:1/demo/x:1"]);

        Assert.Equal((2, true), (notWasm.ExitCode, notWasm.Error.Contains("not a wasm module", StringComparison.Ordinal)));
        Assert.Equal((2, true), (badReference.ExitCode, badReference.Error.Contains("not an image reference", StringComparison.Ordinal)));
        Assert.Equal((2, true), (noFile.ExitCode, noFile.Error.Contains("cannot read", StringComparison.Ordinal)));
    }
}
