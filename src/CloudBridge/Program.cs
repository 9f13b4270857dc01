using EdgeWasm.CloudBridge.Hosting;
using Microsoft.Extensions.Configuration;

namespace EdgeWasm.CloudBridge;

/// <summary>
/// The bridge on its own (a container's entry point): options come from <c>EDGEWASM_*</c> environment variables and
/// <c>--Name value</c> arguments named as the <see cref="BridgeOptions"/> properties (lists: <c>--Devices:0 pi-1</c>).
/// <c>edgewasm bridge</c> takes the same options as flags.
/// </summary>
internal static class Program
{
    /// <summary>Runs the bridge; 2 when the options cannot work (each problem is printed).</summary>
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("EDGEWASM_").AddCommandLine(args).Build();
        var options = new BridgeOptions();
        configuration.Bind(options);
        try
        {
            await BridgeHost.RunAsync(options, CancellationToken.None);
            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
