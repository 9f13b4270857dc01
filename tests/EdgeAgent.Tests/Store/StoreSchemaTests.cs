using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class StoreSchemaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<object?> QueryAsync(string path, string sql)
    {
        await using var raw = new SqliteConnection($"Data Source={path};Pooling=False");
        await raw.OpenAsync();
        await using var command = raw.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Open_CreatesTheFileInWalMode_AtTheCurrentSchemaVersion()
    {
        await using var test = await TestStore.OpenAsync();

        Assert.Equal(StoreSchema.CurrentVersion, test.Store.SchemaVersion);
        Assert.Equal("wal", await QueryAsync(test.Options.Path, "PRAGMA journal_mode"));
        Assert.Equal((long)StoreSchema.CurrentVersion, await QueryAsync(test.Options.Path, "PRAGMA user_version"));
        Assert.Empty(await test.Store.CheckIntegrityAsync(None));
    }

    [Fact]
    public async Task Open_AStoreFromANewerAgent_IsRefusedWithAClearMessage()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("agent.db");
        await (await AgentStore.OpenAsync(new StoreOptions { Path = path }, TimeProvider.System, null, None)).DisposeAsync();
        await QueryAsync(path, "PRAGMA user_version = 99");

        var error = await Assert.ThrowsAsync<StoreException>(
            () => AgentStore.OpenAsync(new StoreOptions { Path = path }, TimeProvider.System, null, None));

        Assert.Contains("schema version is 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AppliesOnlyTheNewMigrations_AndKeepsTheData()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("agent.db");
        await using (var v1 = await AgentStore.OpenAsync(new StoreOptions { Path = path }, TimeProvider.System, null, None))
        {
            await v1.Metadata.SetAsync("k", "v", None);
        }

        string[] withV2 = [.. StoreSchema.Migrations, "CREATE TABLE added_in_v2 (x INTEGER); INSERT INTO added_in_v2 SELECT COUNT(*) FROM metadata;"];
        await using (var database = StoreDatabase.Open(path, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance, withV2))
        {
            Assert.Equal(withV2.Length, database.SchemaVersion);
        }

        Assert.Equal(1L, await QueryAsync(path, "SELECT x FROM added_in_v2"));
        Assert.Equal("v", await QueryAsync(path, "SELECT value FROM metadata WHERE key = 'k'"));
        Assert.Equal((long)withV2.Length, await QueryAsync(path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task AFailingMigration_LeavesTheVersionAndSchemaAsTheyWere()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("agent.db");
        await (await AgentStore.OpenAsync(new StoreOptions { Path = path }, TimeProvider.System, null, None)).DisposeAsync();

        string[] broken = [.. StoreSchema.Migrations, "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"];
        Assert.Throws<StoreException>(() => StoreDatabase.Open(path, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance, broken));

        Assert.Equal((long)StoreSchema.CurrentVersion, await QueryAsync(path, "PRAGMA user_version"));
        Assert.Equal(0L, await QueryAsync(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Theory]
    [InlineData("", 1024 * 1024, 100)]
    [InlineData("x.db", 10, 10)]
    [InlineData("x.db", 4096, 8192)]
    public void Options_WithABadValue_AreRejected(string path, long ring, int line)
    {
        var options = new StoreOptions { Path = path, LogRingBytes = ring, MaxLogLineBytes = line };

        Assert.ThrowsAny<ArgumentException>(options.Validate);
    }
}
