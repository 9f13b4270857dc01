using System.Diagnostics;
using System.Text;
using EdgeWasm.Protocol.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

/// <summary>SAS tokens, checked against HMACs computed by openssl, outside .NET.</summary>
public sealed class SharedAccessSignatureTests
{
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Theory]
    [InlineData("contoso.azure-devices.net/devices/pi-1", null)]
    [InlineData("Contoso.Azure-Devices.NET/devices/Gateway.7", null)]
    [InlineData("contoso.azure-devices.net", "iothubowner")]
    public void Create_SignatureEqualsOpenSslHmacOfTheEncodedResourceAndExpiry(string resource, string? policy)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

        var token = SharedAccessSignature.Create(resource, Key, expiresAt, policy);

        var fields = Fields(token);
        var encoded = Uri.EscapeDataString(resource.ToLowerInvariant()).ToLowerInvariant();
        Assert.Equal(encoded, fields["sr"]);
        Assert.Equal("1767225600", fields["se"]);
        Assert.Equal(policy, fields.GetValueOrDefault("skn"));
        var expected = OpenSslHmac(Convert.FromBase64String(Key), $"{encoded}\n1767225600");
        Assert.Equal(expected, Uri.UnescapeDataString(fields["sig"]));
    }

    [Fact]
    public void Create_WritesTheDocumentedShape()
    {
        var token = SharedAccessSignature.Create("Hub.azure-devices.net/devices/dev-1", Key, DateTimeOffset.FromUnixTimeSeconds(100).AddMilliseconds(1));

        Assert.StartsWith("SharedAccessSignature sr=hub.azure-devices.net%2fdevices%2fdev-1&sig=", token, StringComparison.Ordinal);
        // Expiry rounds up to whole seconds, so the token is never shorter-lived than asked.
        Assert.EndsWith("&se=101", token, StringComparison.Ordinal);
        Assert.DoesNotContain("skn", token, StringComparison.Ordinal);
        var signature = Fields(token)["sig"];
        Assert.DoesNotContain('+', signature);
        Assert.DoesNotContain('/', signature);
        Assert.DoesNotContain('=', signature);
    }

    [Fact]
    public void Create_RefusesAKeyThatIsNotBase64()
    {
        var ex = Assert.Throws<FormatException>(() => SharedAccessSignature.Create("hub/devices/a", "not base64!", DateTimeOffset.UnixEpoch));
        Assert.Contains("base64", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string token)
    {
        Assert.StartsWith("SharedAccessSignature ", token, StringComparison.Ordinal);
        return token["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    // openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY, fed the string to sign on stdin.
    private static string OpenSslHmac(byte[] key, string message)
    {
        var info = new ProcessStartInfo("openssl", ["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + Convert.ToHexString(key), "-binary"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(message));
        process.StandardInput.Close();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        Assert.Equal(32, output.Length);
        return Convert.ToBase64String(output.ToArray());
    }
}
