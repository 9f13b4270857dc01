using EdgeWasm.Runtime.Wasi.Calls;

namespace EdgeWasm.Runtime.Tests.Wasi;

public sealed class ImportTableTests
{
    [Fact]
    public void EveryImportWasiLibcDeclaresIsDefined()
    {
        // Debian's wasi-libc lists every wasi_snapshot_preview1 function it can import.
        var declared = File.ReadAllLines("/usr/lib/wasm32-wasi/libc.imports")
            .Where(line => line.StartsWith("__imported_wasi_snapshot_preview1_", StringComparison.Ordinal))
            .Select(line => line["__imported_wasi_snapshot_preview1_".Length..])
            .ToList();
        Assert.NotEmpty(declared);
        var defined = WasiImports.All.Select(import => import.Name).ToHashSet();
        Assert.All(declared, name => Assert.Contains(name, defined));
    }

    [Fact]
    public void TheTableHasAll46PreviewOneFunctionsOnce()
    {
        Assert.Equal(46, WasiImports.All.Count);
        Assert.Equal(46, WasiImports.All.Select(import => import.Name).Distinct().Count());
        Assert.NotNull(WasiImports.Find("proc_raise"));
    }

    [Theory]
    [InlineData("fd_write", "[i32 i32 i32 i32] -> [i32]")]
    [InlineData("clock_time_get", "[i32 i64 i32] -> [i32]")]
    [InlineData("fd_seek", "[i32 i64 i32 i32] -> [i32]")]
    [InlineData("path_open", "[i32 i32 i32 i32 i32 i64 i64 i32 i32] -> [i32]")]
    [InlineData("path_filestat_set_times", "[i32 i32 i32 i32 i64 i64 i32] -> [i32]")]
    [InlineData("fd_readdir", "[i32 i32 i32 i64 i32] -> [i32]")]
    [InlineData("proc_exit", "[i32] -> []")]
    [InlineData("sched_yield", "[] -> [i32]")]
    [InlineData("sock_recv", "[i32 i32 i32 i32 i32 i32] -> [i32]")]
    public void SignaturesFollowTheWitxCoreTypes(string name, string signature) =>
        Assert.Equal(signature, WasiImports.Find(name)!.Type.ToString());
}
