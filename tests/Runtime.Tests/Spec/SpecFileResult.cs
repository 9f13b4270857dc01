namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>The outcome of one spec script: counts per command kind and the failures, each with its line.</summary>
public sealed class SpecFileResult(string name)
{
    private readonly Dictionary<SpecCommandKind, (int Passed, int Failed, int Skipped)> _counts = [];

    public string Name { get; } = name;

    public List<string> Failures { get; } = [];

    public int Passed => _counts.Values.Sum(c => c.Passed);

    public int Failed => _counts.Values.Sum(c => c.Failed);

    public int Skipped => _counts.Values.Sum(c => c.Skipped);

    public int Total => Passed + Failed + Skipped;

    public IReadOnlyDictionary<SpecCommandKind, (int Passed, int Failed, int Skipped)> Counts => _counts;

    public void Pass(SpecCommand command) => Add(command.Kind, 1, 0, 0);

    public void Skip(SpecCommand command) => Add(command.Kind, 0, 0, 1);

    public void Fail(SpecCommand command, string why)
    {
        Add(command.Kind, 0, 1, 0);
        Failures.Add($"{Name}.wast:{command.Line} {command.Kind}: {why}");
    }

    private void Add(SpecCommandKind kind, int passed, int failed, int skipped)
    {
        var (p, f, s) = _counts.GetValueOrDefault(kind);
        _counts[kind] = (p + passed, f + failed, s + skipped);
    }
}
