using System.Globalization;
using System.Text;
using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Demo;

/// <summary>The demo's table: one line per device, then one per example pod with its phase, restarts, reason, when its device was last heard from, and whether it reached what it should.</summary>
internal static class StatusTable
{
    private static readonly string[] DeviceHeader = ["DEVICE", "PROFILE", "READY", "LAST SEEN"];
    private static readonly string[] PodHeader = ["POD", "DEVICE", "PHASE", "RESTARTS", "REASON", "LAST SEEN", "EXPECTED"];

    /// <summary>Whether every example's pod meets its expectation.</summary>
    public static bool IsSettled(IReadOnlyList<ExamplePod> examples, StatusSnapshot? snapshot) =>
        snapshot is not null && examples.All(e => e.Expectation.IsMetBy(Row(snapshot, e)));

    /// <summary>Renders the table at <paramref name="now"/>.</summary>
    public static string Render(IReadOnlyList<ExamplePod> examples, StatusSnapshot? snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var devices = new List<string[]> { DeviceHeader };
        foreach (var device in examples.Select(e => e.Device).Distinct().OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var node = snapshot?.Nodes.FirstOrDefault(n => n.Name == device.Id);
            devices.Add([device.Id, device.Profile, node?.Ready ?? "-", Ago(node?.LastSeen, now)]);
        }

        var pods = new List<string[]> { PodHeader };
        foreach (var example in examples)
        {
            var row = Row(snapshot, example);
            var met = example.Expectation.IsMetBy(row);
            pods.Add(
            [
                example.Name, example.Device.Id, row?.Phase ?? "-", row?.Restarts.ToString(CultureInfo.InvariantCulture) ?? "-", row?.Reason ?? "",
                Ago(row?.LastSeen, now), (met ? "ok   " : "wait ") + example.Expectation,
            ]);
        }

        var text = new StringBuilder();
        Append(text, devices);
        text.AppendLine();
        Append(text, pods);
        var settled = examples.Count(e => e.Expectation.IsMetBy(Row(snapshot, e)));
        text.Append(CultureInfo.InvariantCulture, $"{settled}/{examples.Count} examples as expected");
        if (snapshot?.Problems is { Count: > 0 } problems) text.AppendLine().Append("problems: ").AppendJoin("; ", problems);
        return text.AppendLine().ToString();
    }

    private static PodRow? Row(StatusSnapshot? snapshot, ExamplePod example) =>
        snapshot?.Pods.FirstOrDefault(p => p.Name == example.Name && p.Node == example.Device.Id);

    private static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } time) return "-";
        var seconds = Math.Max(0, (now - time).TotalSeconds);
        return seconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s ago")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0}m ago");
    }

    private static void Append(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.AppendLine();
        }
    }
}
