namespace EdgeWasm.Cli.Demo;

/// <summary>A simulated device of the demo: a real agent in a child process with its own hardware profile and data folder.</summary>
internal sealed record DemoDevice(string Id, string Profile)
{
    /// <summary>The demo's three devices, from small to large.</summary>
    public static IReadOnlyList<DemoDevice> All { get; } =
    [
        new("pi-zero", "raspberry-pi-zero-2w"),
        new("pi-4", "raspberry-pi-4-4gb"),
        new("gateway", "x86-64-gateway"),
    ];
}
