using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.Tests.IotHub;

/// <summary>The desired document in the twin: compressed, base64, chunked, hashed, refused when it does not fit.</summary>
public sealed class DesiredTwinTests
{
    private const int Limit = 1024 * 1024;

    [Fact]
    public void EncodeThenRead_GivesTheDocumentBack()
    {
        var desired = Document("pi-1", 7, workloads: 3);

        var section = new JsonObject { [DesiredTwin.PropertyName] = DesiredTwin.Encode(desired, Limit) };
        var read = DesiredTwin.Read(Reparse(section), "pi-1", Limit);

        Assert.True(read.Present);
        Assert.Null(read.Problem);
        Assert.Equal(7, read.Version);
        Assert.Equal(
            JsonSerializerRoundTrip(desired),
            JsonSerializerRoundTrip(read.Document!));
    }

    [Fact]
    public void Encode_ALargeDocument_SplitsIntoChunksUnderTheStringLimit_AndFitsTheTwin()
    {
        // Incompressible file content: about 17 KB of base64 after gzip, so several chunks.
        var desired = Document("pi-1", 2, workloads: 1, fileBytes: 12_000);

        var property = DesiredTwin.Encode(desired, Limit);

        var chunks = property["chunks"]!.AsArray();
        Assert.True(chunks.Count >= 4, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(c!.GetValue<string>().Length, 1, DesiredTwin.ChunkLength));
        var section = new JsonObject { [DesiredTwin.PropertyName] = property };
        Assert.InRange(TwinSize.Measure(section), 1, DesiredTwin.DefaultBudget);
        Assert.Null(TwinSize.Problem(section));
        Assert.Equal(2, DesiredTwin.Read(Reparse(section), "pi-1", Limit).Document!.Version);
    }

    [Fact]
    public void Encode_ADocumentThatCannotFit_IsRefusedWithTheSizes()
    {
        var desired = Document("pi-1", 3, workloads: 1, fileBytes: 40_000);

        var ex = Assert.Throws<PayloadTooLargeException>(() => DesiredTwin.Encode(desired, Limit));

        Assert.Equal(DesiredTwin.DefaultBudget, ex.Limit);
        Assert.True(ex.Size > ex.Limit);
        Assert.Contains("version 3 for device pi-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("compressed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ADocumentOverThePayloadLimit_IsRefusedBeforeCompression()
    {
        var ex = Assert.Throws<PayloadTooLargeException>(() => DesiredTwin.Encode(Document("pi-1", 1, workloads: 1, fileBytes: 2000), maxDocumentBytes: 1500));
        Assert.Equal(1500, ex.Limit);
    }

    [Fact]
    public void Read_WithoutTheProperty_IsAbsent()
    {
        var read = DesiredTwin.Read(new JsonObject { ["other"] = 1, ["$version"] = 4 }, "pi-1", Limit);
        Assert.False(read.Present);
        Assert.Null(read.Document);
        Assert.Null(read.Problem);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "chunk-swapped", "" },
        { "chunk-missing", "" },
        { "chunk-not-string", "not a string" },
        { "not-base64", "not base64" },
        { "sha-wrong", "SHA-256" },
        { "bytes-smaller", "more than" },
        { "bytes-over-limit", "over the" },
        { "schema-2", "schema" },
        { "encoding", "encoding" },
        { "version-mismatch", "differs from the envelope" },
        { "other-device", "does not match" },
        { "not-object", "not an object" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Read_RefusesATamperedEnvelope_WithAReason(string tampering, string reason)
    {
        var property = DesiredTwin.Encode(Document("pi-1", 5, workloads: 1, fileBytes: 9000), Limit);
        var chunks = property["chunks"]!.AsArray();
        JsonNode? value = property;
        switch (tampering)
        {
            case "chunk-swapped":
                var first = chunks[0]!.GetValue<string>();
                chunks[0] = chunks[1]!.GetValue<string>();
                chunks[1] = first;
                break;
            case "chunk-missing": chunks.RemoveAt(1); break;
            case "chunk-not-string": chunks[0] = 12; break;
            case "not-base64": chunks[0] = "!!!!"; break;
            case "sha-wrong": property["sha256"] = Convert.ToHexStringLower(SHA256.HashData([1])); break;
            case "bytes-smaller": property["bytes"] = property["bytes"]!.GetValue<int>() - 10; break;
            case "bytes-over-limit": property["bytes"] = Limit + 1; break;
            case "schema-2": property["schema"] = 2; break;
            case "encoding": property["encoding"] = "zstd"; break;
            case "version-mismatch":
                value = DesiredTwin.Encode(Document("pi-1", 5, workloads: 1), Limit);
                value["version"] = 6;
                break;
            case "other-device": value = DesiredTwin.Encode(Document("pi-2", 5, workloads: 1), Limit); break;
            case "not-object": value = "text"; break;
        }

        var read = DesiredTwin.Read(Reparse(new JsonObject { [DesiredTwin.PropertyName] = value }), "pi-1", Limit);

        Assert.True(read.Present);
        Assert.Null(read.Document);
        Assert.NotNull(read.Problem);
        Assert.Contains(reason, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ADecompressionBomb_StopsAtTheAnnouncedLength()
    {
        var property = DesiredTwin.Encode(Document("pi-1", 1, workloads: 1), Limit);
        // 50 MB of zeros gzip to a few tens of kilobytes; the reader must not inflate them all.
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 50; i++) gzip.Write(zeros);
        }

        property["chunks"] = new JsonArray(JsonValue.Create(Convert.ToBase64String(output.ToArray())));
        var read = DesiredTwin.Read(new JsonObject { [DesiredTwin.PropertyName] = property }, "pi-1", Limit);

        Assert.Null(read.Document);
        Assert.Contains("more than", read.Problem, StringComparison.Ordinal);
    }

    private static JsonObject Reparse(JsonObject section) => JsonNode.Parse(section.ToJsonString())!.AsObject();

    private static string JsonSerializerRoundTrip(DesiredState state) =>
        System.Text.Json.JsonSerializer.Serialize(state, TopicJsonContext.Default.DesiredState);

    private static DesiredState Document(string device, long version, int workloads, int fileBytes = 0) => new()
    {
        DeviceId = device,
        Version = version,
        Workloads = [.. Enumerable.Range(1, workloads).Select(i => new WorkloadSpec
        {
            Id = new WorkloadId("default", $"sensor-{i}.v2", "main"),
            Image = $"registry.local:5000/sensors/avg:{i}",
            Args = ["--interval", "5"],
            Volumes = fileBytes == 0 ? [] :
            [
                new VolumeSpec
                {
                    Name = "config",
                    GuestPath = "/config",
                    Kind = VolumeKind.Files,
                    Files = [new VolumeFile("blob.bin", Convert.ToBase64String(RandomNumberGenerator.GetBytes(fileBytes)))],
                },
            ],
        })],
    };
}
