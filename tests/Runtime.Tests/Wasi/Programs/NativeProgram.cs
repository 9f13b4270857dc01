using System.Diagnostics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>Runs the same C fixture built natively with glibc, with exactly the environment given (nothing inherited).</summary>
internal sealed class NativeProgram
{
    private readonly string _fixture;

    public NativeProgram(string fixture) => _fixture = fixture;

    public List<string> Arguments { get; } = [];

    public List<KeyValuePair<string, string>> Environment { get; } = [];

    public string? Stdin { get; init; }

    public async Task<ProgramRun> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Fixtures.Native(_fixture))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in Environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_fixture}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (Stdin is not null) await process.StandardInput.WriteAsync(Stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProgramRun(process.ExitCode, await stdout, await stderr, null);
    }
}
