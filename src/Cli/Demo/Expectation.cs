using System.Globalization;
using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// What an example should reach, from its <c>demo.edgewasm.io/expect</c> annotation: space-separated terms
/// <c>phase=P</c>, <c>reason=R</c> and <c>restarts&gt;=N</c>, all of which must hold.
/// </summary>
internal sealed record Expectation(string? Phase, string? Reason, int MinRestarts)
{
    /// <summary>The annotation that carries it.</summary>
    public const string Annotation = "demo.edgewasm.io/expect";

    /// <summary>Parses the annotation's value; a term it does not know is an error naming it.</summary>
    public static Expectation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? phase = null, reason = null;
        var restarts = 0;
        foreach (var term in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (term.StartsWith("phase=", StringComparison.Ordinal)) phase = term["phase=".Length..];
            else if (term.StartsWith("reason=", StringComparison.Ordinal)) reason = term["reason=".Length..];
            else if (term.StartsWith("restarts>=", StringComparison.Ordinal)
                     && int.TryParse(term["restarts>=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) restarts = n;
            else throw new FormatException($"'{term}' in {Annotation} \"{text}\" is not phase=P, reason=R or restarts>=N");
        }

        return phase is null && reason is null && restarts == 0
            ? throw new FormatException($"{Annotation} \"{text}\" expects nothing")
            : new Expectation(phase, reason, restarts);
    }

    /// <summary>Whether a pod with this phase, reason and restart count meets it.</summary>
    public bool IsMetBy(string? phase, string? reason, int restarts) =>
        (Phase is null || string.Equals(Phase, phase, StringComparison.Ordinal))
        && (Reason is null || string.Equals(Reason, reason, StringComparison.Ordinal))
        && restarts >= MinRestarts;

    /// <summary>Whether the pod's row meets it (no row: not yet).</summary>
    public bool IsMetBy(PodRow? row) => row is not null && IsMetBy(row.Phase, row.Reason, row.Restarts);

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', new[]
    {
        Phase is null ? null : "phase=" + Phase,
        Reason is null ? null : "reason=" + Reason,
        MinRestarts == 0 ? null : "restarts>=" + MinRestarts.ToString(CultureInfo.InvariantCulture),
    }.Where(t => t is not null));
}
