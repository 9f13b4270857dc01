using System.Globalization;
using EdgeWasm.EdgeAgent.Tests.Store;

namespace EdgeWasm.EdgeAgent.Tests;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off). Run by the test host it is never called; the crash
/// tests start the assembly again with <c>dotnet EdgeWasm.EdgeAgent.Tests.dll store-crash-child ...</c> to get a
/// child process they can SIGKILL.
/// </summary>
internal static class TestProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [StoreCrashChild.Verb, var path, var seed])
        {
            return await StoreCrashChild.RunAsync(path, int.Parse(seed, CultureInfo.InvariantCulture));
        }

        await Console.Error.WriteLineAsync($"usage: {StoreCrashChild.Verb} STORE-PATH SEED");
        return 2;
    }
}
