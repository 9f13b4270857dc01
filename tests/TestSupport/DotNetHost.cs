namespace EdgeWasm.TestSupport;

/// <summary>Finds the <c>dotnet</c> host that runs the tests, to start a test assembly again as a child process.</summary>
public static class DotNetHost
{
    /// <summary>The full path of the <c>dotnet</c> executable.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        // The SDK sets DOTNET_HOST_PATH for the processes it starts; otherwise the runtime lives at
        // <root>/shared/Microsoft.NETCore.App/<version>/ and the host at <root>/dotnet.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtime, "..", "..", ".."));
        var host = System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : throw new FileNotFoundException($"no dotnet host at {host} (runtime at {runtime})");
    }
}
