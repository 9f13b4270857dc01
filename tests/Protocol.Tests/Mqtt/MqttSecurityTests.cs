using System.Diagnostics;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.Protocol.Tests.Mqtt;

/// <summary>TLS with a CA made by openssl in the test, client certificates, and username/password, against mosquitto.</summary>
public sealed class MqttSecurityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TempDirectory _dir = new("mqtt-security");

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Tls_ServerCertificateFromOurCa_ConnectsByHostName()
    {
        await using var broker = await StartTlsBrokerAsync(["localhost"], ["127.0.0.1"]);
        await using var client = new MqttClient(TlsOptions(broker, "localhost", new MqttTlsOptions { CaFile = _ca.CaFile }));

        await client.ConnectAsync(Timeout());
        await client.SubscribeAsync("tls/#", MqttQos.AtLeastOnce, Timeout());
        await client.PublishAsync("tls/x", "secret"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout());

        var message = await client.Events.NextAsync<MqttMessage>();
        Assert.Equal("tls/x", message.Topic);
    }

    [Fact]
    public async Task Tls_CertificateFromAnotherCa_IsRefusedWithATlsError()
    {
        using var stranger = TestCertificateAuthority.Create("Stranger CA");
        await using var broker = await StartTlsBrokerAsync(["localhost"], ["127.0.0.1"]);
        await using var client = new MqttClient(TlsOptions(broker, "localhost", new MqttTlsOptions { CaFile = stranger.CaFile }));
        client.Start();

        var failure = await client.Events.NextAsync<MqttDisconnected>();
        output.WriteLine(failure.Reason.Message);

        Assert.False(client.IsConnected);
        Assert.Contains("TLS", failure.Reason.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("certificate verify failed", failure.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_HostNameNotInCertificate_IsRefused()
    {
        await using var broker = await StartTlsBrokerAsync(["broker.example"], []);
        await using var client = new MqttClient(TlsOptions(broker, "127.0.0.1", new MqttTlsOptions { CaFile = _ca.CaFile }));
        client.Start();

        var failure = await client.Events.NextAsync<MqttDisconnected>();
        output.WriteLine(failure.Reason.Message);

        Assert.False(failure.WasConnected);
        Assert.Contains("TLS", failure.Reason.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tls_ClientCertificateRequired_OnlyClientsWithOneConnect()
    {
        await using var broker = await StartTlsBrokerAsync(["localhost"], ["127.0.0.1"], requireClientCertificate: true);
        var device = _ca.IssueClient("device-a");
        await using var withCert = new MqttClient(TlsOptions(broker, "localhost", new MqttTlsOptions
        {
            CaFile = _ca.CaFile,
            CertificateFile = device.CertificateFile,
            KeyFile = device.KeyFile,
        }) with { ClientId = "with-cert" });
        await using var without = new MqttClient(TlsOptions(broker, "localhost", new MqttTlsOptions { CaFile = _ca.CaFile }) with { ClientId = "without" });

        await withCert.ConnectAsync(Timeout());
        without.Start();
        var failure = await without.Events.NextAsync<MqttDisconnected>();
        output.WriteLine(failure.Reason.Message);

        Assert.True(withCert.IsConnected);
        Assert.False(failure.WasConnected);
    }

    [Fact]
    public async Task UsernamePassword_RightOnesConnect_WrongOnesAreRefusedWithTheBrokersReason()
    {
        var passwords = _dir.Combine("passwd");
        MosquittoPasswd(passwords, "device-a", "correct horse");
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoSettings { AllowAnonymous = false, PasswordFile = passwords });
        await using var good = new MqttClient(broker.ClientOptions("good") with { Username = "device-a", Password = "correct horse" });
        await using var bad = new MqttClient(broker.ClientOptions("bad") with { Username = "device-a", Password = "battery staple" });
        await using var anonymous = new MqttClient(broker.ClientOptions("anonymous"));

        await good.ConnectAsync(Timeout());
        bad.Start();
        anonymous.Start();
        var badFailure = await bad.Events.NextAsync<MqttDisconnected>();
        var anonymousFailure = await anonymous.Events.NextAsync<MqttDisconnected>();
        output.WriteLine(badFailure.Reason.Message);
        output.WriteLine(anonymousFailure.Reason.Message);

        Assert.Contains("refused the connection", badFailure.Reason.Message, StringComparison.Ordinal);
        Assert.NotNull(badFailure.Reason.ReasonCode);
        Assert.NotNull(anonymousFailure.Reason.ReasonCode);
        Assert.False(bad.IsConnected);
    }

    internal static void MosquittoPasswd(string file, string user, string password)
    {
        var args = File.Exists(file) ? new[] { "-b", file, user, password } : ["-c", "-b", file, user, password];
        using var process = Process.Start(new ProcessStartInfo("mosquitto_passwd", args) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("mosquitto_passwd failed: " + process.StandardError.ReadToEnd());
    }

    private static MqttClientOptions TlsOptions(MosquittoFixture broker, string host, MqttTlsOptions tls) =>
        broker.ClientOptions("tls-client") with { Host = host, Tls = tls };

    private Task<MosquittoFixture> StartTlsBrokerAsync(string[] dnsNames, string[] ips, bool requireClientCertificate = false)
    {
        var server = _ca.IssueServer("mosquitto", dnsNames, ips);
        return MosquittoFixture.StartAsync(new MosquittoSettings
        {
            Tls = new MosquittoTls(_ca.CaFile, server.CertificateFile, server.KeyFile, requireClientCertificate),
        });
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
