using System.Runtime.InteropServices;

namespace EdgeWasm.Benchmarks.Kernels;

/// <summary>What the report says about where it was measured.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string DotNet, string Node, string Clang, string Wizer)
{
    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, as text.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Describes this machine; tool versions come from the caller (they need processes).</summary>
    public static MachineInfo Describe(string node, string clang, string wizer)
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
                ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
                : cpu;
        }

        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, node, clang, wizer);
    }
}
