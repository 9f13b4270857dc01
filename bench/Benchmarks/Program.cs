using EdgeWasm.Benchmarks.Sync;

// Each benchmark family has its own entry:
//   dotnet run -c Release --project bench/Benchmarks -- sync [--changes N] [--runs N]
return args switch
{
    ["sync", .. var rest] => await SyncBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks sync [--changes N] [--runs N]");
    return 2;
}
