using System.Text;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>Real wasm modules for cache tests: the hello fixture (compiled from C), made distinct and as large as a
/// test needs by appending a custom section, which leaves the module valid.</summary>
internal static class WasmModules
{
    public static byte[] Hello => File.ReadAllBytes(Fixtures.Wasm("hello"));

    public static byte[] Variant(string name, int padding = 0)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var payload = new byte[Leb(nameBytes.Length).Length + nameBytes.Length + padding];
        Leb(nameBytes.Length).CopyTo(payload, 0);
        nameBytes.CopyTo(payload, Leb(nameBytes.Length).Length);
        return [.. Hello, 0, .. Leb(payload.Length), .. payload];
    }

    private static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
