using System.Globalization;
using EdgeWasm.EndToEnd.Tests.Sync;

namespace EdgeWasm.EndToEnd.Tests;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off). Run by the test host it is never called; crash
/// tests start the assembly again with <c>dotnet EdgeWasm.EndToEnd.Tests.dll VERB ...</c> to get a child process
/// they can SIGKILL.
/// </summary>
internal static class TestProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [SyncCrashChild.Verb, var store, var port, var device, var run, var count])
        {
            return await SyncCrashChild.RunAsync(store, int.Parse(port, CultureInfo.InvariantCulture), device, run, int.Parse(count, CultureInfo.InvariantCulture));
        }

        await Console.Error.WriteLineAsync($"usage: {SyncCrashChild.Verb} STORE-PATH BROKER-PORT DEVICE RUN COUNT");
        return 2;
    }
}
