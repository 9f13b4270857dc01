using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using Microsoft.Data.Sqlite;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class BlobStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static byte[] Content(int size, byte seed)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(seed + i * 31);
        return bytes;
    }

    [Fact]
    public async Task Put_StoresTheContentUnderItsDigest_AndReadReturnsIt()
    {
        await using var test = await TestStore.OpenAsync();
        var content = Content(1000, 1);

        var put = await test.Store.Blobs.PutAsync(content, null, None);

        Assert.Equal(ContentDigest.Compute(content), put.Digest);
        Assert.False(put.AlreadyStored);
        Assert.Equal(content, await test.Store.Blobs.ReadAsync(put.Digest, None));
        var info = await test.Store.Blobs.GetInfoAsync(put.Digest, None);
        Assert.Equal((1000L, false), (info!.Size, info.Pinned));
        Assert.True((await test.Store.Blobs.PutAsync(content, null, None)).AlreadyStored);
    }

    [Fact]
    public async Task Put_WithAnExpectedDigestThatDoesNotMatch_StoresNothing()
    {
        await using var test = await TestStore.OpenAsync();
        var wrong = ContentDigest.Compute("something else"u8);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => test.Store.Blobs.PutAsync(Content(10, 1), new BlobPutOptions { ExpectedDigest = wrong }, None));

        Assert.Contains(wrong.Value, error.Message, StringComparison.Ordinal);
        Assert.Empty(await test.Store.Blobs.ListAsync(None));
    }

    [Fact]
    public async Task Read_OfAnUnknownDigest_IsNull() 
    {
        await using var test = await TestStore.OpenAsync();

        Assert.Null(await test.Store.Blobs.ReadAsync(ContentDigest.Compute("x"u8), None));
    }

    [Fact]
    public async Task Read_OfContentCorruptedOnDisk_Throws()
    {
        await using var test = await TestStore.OpenAsync();
        var put = await test.Store.Blobs.PutAsync(Content(100, 1), null, None);
        await using (var raw = new SqliteConnection($"Data Source={test.Options.Path}"))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "UPDATE blob_content SET content = x'00'";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => test.Store.Blobs.ReadAsync(put.Digest, None));
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithABudget_EvictsTheLeastRecentlyUsedUnpinnedBlobs()
    {
        await using var test = await TestStore.OpenAsync();
        var blobs = test.Store.Blobs;
        var a = await blobs.PutAsync(Content(400, 1), null, None);
        test.Clock.Advance(TimeSpan.FromSeconds(1));
        var b = await blobs.PutAsync(Content(400, 2), null, None);
        test.Clock.Advance(TimeSpan.FromSeconds(1));
        await blobs.PinAsync(a.Digest, "default/old/main", None); // using `a` makes it the most recent too
        await blobs.UnpinAsync("default/old/main", None);
        test.Clock.Advance(TimeSpan.FromSeconds(1));

        var c = await blobs.PutAsync(Content(400, 3), new BlobPutOptions { BudgetBytes = 1000 }, None);

        Assert.Equal([b.Digest], c.Evicted);
        Assert.Equal([a.Digest, c.Digest], (await blobs.ListAsync(None)).Select(i => i.Digest));
        Assert.Equal(800, await blobs.GetTotalBytesAsync(None));
    }

    [Fact]
    public async Task Eviction_NeverTakesAPinnedBlob()
    {
        await using var test = await TestStore.OpenAsync();
        var blobs = test.Store.Blobs;
        var pinned = await blobs.PutAsync(Content(500, 1), new BlobPutOptions { PinHolder = "default/a/main" }, None);
        test.Clock.Advance(TimeSpan.FromSeconds(1));
        var loose = await blobs.PutAsync(Content(500, 2), null, None);

        var evicted = await blobs.EvictAsync(100, None);

        Assert.Equal([loose.Digest], evicted);
        Assert.Equal([pinned.Digest], (await blobs.ListAsync(None)).Select(i => i.Digest));
        Assert.Equal([new BlobPin("default/a/main", pinned.Digest, test.Clock.GetUtcNow() - TimeSpan.FromSeconds(1))], await blobs.ListPinsAsync(None));
    }

    [Fact]
    public async Task Put_ThatCannotFitBesidePinnedBlobs_IsRefused_AndChangesNothing()
    {
        await using var test = await TestStore.OpenAsync();
        var blobs = test.Store.Blobs;
        await blobs.PutAsync(Content(700, 1), new BlobPutOptions { PinHolder = "default/a/main" }, None);

        var error = await Assert.ThrowsAsync<StorageBudgetExceededException>(
            () => blobs.PutAsync(Content(400, 2), new BlobPutOptions { PinHolder = "default/b/main", BudgetBytes = 1000 }, None));

        Assert.Equal((400L, 1000L, 700L), (error.Size, error.Budget, error.PinnedBytes));
        Assert.Single(await blobs.ListAsync(None));
        Assert.Single(await blobs.ListPinsAsync(None));
    }

    [Fact]
    public async Task Put_LargerThanTheWholeBudget_IsRefused()
    {
        await using var test = await TestStore.OpenAsync();

        await Assert.ThrowsAsync<StorageBudgetExceededException>(
            () => test.Store.Blobs.PutAsync(Content(2000, 1), new BlobPutOptions { BudgetBytes = 1000 }, None));

        Assert.Empty(await test.Store.Blobs.ListAsync(None));
    }

    [Fact]
    public async Task Pin_ReplacesTheHoldersPreviousPin_AndAnUnknownBlobCannotBePinned()
    {
        await using var test = await TestStore.OpenAsync();
        var blobs = test.Store.Blobs;
        var v1 = await blobs.PutAsync(Content(10, 1), new BlobPutOptions { PinHolder = "default/a/main" }, None);
        var v2 = await blobs.PutAsync(Content(10, 2), null, None);

        await blobs.PinAsync(v2.Digest, "default/a/main", None);

        Assert.Equal([v2.Digest], (await blobs.ListPinsAsync(None)).Select(p => p.Digest));
        Assert.Equal([v1.Digest], await blobs.EvictAsync(0, None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => blobs.PinAsync(v1.Digest, "default/b/main", None));
    }

    [Fact]
    public async Task ImageResolutions_GoAwayWithTheirEvictedBlob()
    {
        await using var test = await TestStore.OpenAsync();
        var blob = await test.Store.Blobs.PutAsync(Content(10, 1), null, None);
        var manifest = ContentDigest.Compute("manifest"u8);
        await test.Store.Images.RecordAsync(["reg/app:1", $"reg/app@{manifest}"], manifest, blob.Digest, None);
        var found = await test.Store.Images.FindAsync("reg/app:1", None);
        Assert.Equal((manifest, blob.Digest), (found!.ManifestDigest, found.BlobDigest));

        await test.Store.Blobs.EvictAsync(0, None);

        Assert.Null(await test.Store.Images.FindAsync("reg/app:1", None));
        Assert.Null(await test.Store.Images.FindAsync($"reg/app@{manifest}", None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => test.Store.Images.RecordAsync(["reg/app:1"], manifest, blob.Digest, None));
    }
}
