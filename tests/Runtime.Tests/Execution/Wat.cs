using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>Small modules written inline as WAT, compiled with wabt's wat2wasm.</summary>
internal static class Wat
{
    public static byte[] Compile(string wat)
    {
        using var directory = new TempDirectory();
        var source = directory.Combine("m.wat");
        var output = directory.Combine("m.wasm");
        File.WriteAllText(source, wat);
        using var process = System.Diagnostics.Process.Start("wat2wasm", [source, "-o", output])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return File.ReadAllBytes(output);
    }
}
