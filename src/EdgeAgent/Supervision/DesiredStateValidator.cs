using System.Text.RegularExpressions;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// Checks a whole desired document before the supervisor changes anything: a document with any error is refused as a
/// whole, and the device keeps running the last valid one. Names become directory names under the data dir, so they
/// are held to Kubernetes' own rules (lowercase DNS names), which keeps every path inside it.
/// </summary>
internal static partial class DesiredStateValidator
{
    /// <summary>Every problem with <paramref name="desired"/> for device <paramref name="deviceId"/>, each naming where; empty when it is sound.</summary>
    public static IReadOnlyList<string> Validate(DesiredState desired, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var errors = new List<string>();
        if (desired.Schema != DesiredState.CurrentSchema) errors.Add($"schema {desired.Schema} is not supported (this agent speaks {DesiredState.CurrentSchema})");
        if (desired.DeviceId != deviceId) errors.Add($"the document is for device '{desired.DeviceId}', this is '{deviceId}'");
        if (desired.Version < 1) errors.Add($"version {desired.Version} is not positive");

        var ids = new HashSet<WorkloadId>();
        var ports = new Dictionary<int, WorkloadId>();
        var podUids = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < desired.Workloads.Count; i++)
        {
            var workload = desired.Workloads[i];
            if (workload is null)
            {
                errors.Add($"workloads[{i}] is null");
                continue;
            }

            var where = $"workload {workload.Id}";
            if (!ids.Add(workload.Id)) errors.Add($"{where} appears more than once");
            if (podUids.TryGetValue(workload.Id.PodKey, out var uid) && uid != workload.PodUid)
            {
                errors.Add($"{where} has pod uid '{workload.PodUid}' but another workload of pod {workload.Id.PodKey} has '{uid}'");
            }

            podUids[workload.Id.PodKey] = workload.PodUid;
            if (workload.ListenPort is { } port)
            {
                if (port is < 1 or > 65535) errors.Add($"{where}: listen port {port} is not 1..65535");
                else if (!ports.TryAdd(port, workload.Id)) errors.Add($"{where}: listen port {port} is already taken by {ports[port]}");
            }

            CheckWorkload(workload, where, errors);
        }

        return errors;
    }

    private static void CheckWorkload(WorkloadSpec workload, string where, List<string> errors)
    {
        Name(workload.Id.Namespace, "namespace", where, errors, DnsLabel());
        Name(workload.Id.Pod, "pod name", where, errors, DnsSubdomain());
        Name(workload.Id.Container, "container name", where, errors, DnsLabel());
        if (workload.PodUid is { } uid && !UidPattern().IsMatch(uid)) errors.Add($"{where}: pod uid '{uid}' is not 1-64 letters, digits and '-'");
        if (string.IsNullOrWhiteSpace(workload.Image)) errors.Add($"{where}: image is empty");
        if (workload.Args.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal))) errors.Add($"{where}: an argument is null or holds a NUL character");
        foreach (var env in workload.Env)
        {
            if (env is null || string.IsNullOrEmpty(env.Name) || env.Name.Contains('=', StringComparison.Ordinal) || env.Name.Contains('\0', StringComparison.Ordinal) || env.Value is null || env.Value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"{where}: environment variable '{env?.Name}' needs a name without '=' or NUL and a value without NUL");
            }
        }

        var limits = workload.Limits;
        if (limits.MemoryBytes is { } memory && (memory < 65536 || memory > 65536L * 65536)) errors.Add($"{where}: memory limit {memory} is not between one wasm page (65536) and 4 GiB");
        if (limits.FuelPerSecond is < 1) errors.Add($"{where}: fuel per second {limits.FuelPerSecond} is not positive");
        if (limits.DeadlineMs is < 1) errors.Add($"{where}: deadline {limits.DeadlineMs} ms is not positive");

        var volumeNames = new HashSet<string>(StringComparer.Ordinal);
        var guestPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in workload.Volumes)
        {
            if (volume is null)
            {
                errors.Add($"{where}: a volume is null");
                continue;
            }

            var at = $"{where}: volume '{volume.Name}'";
            Name(volume.Name, "volume name", where, errors, DnsLabel());
            if (!volumeNames.Add(volume.Name ?? "")) errors.Add($"{at} appears more than once");
            if (string.IsNullOrEmpty(volume.GuestPath) || volume.GuestPath[0] != '/' || volume.GuestPath.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"{at}: guest path '{volume.GuestPath}' must be absolute");
            }
            else if (!guestPaths.Add(volume.GuestPath.TrimEnd('/'))) errors.Add($"{at}: guest path {volume.GuestPath} is used twice");

            if (volume.Kind == VolumeKind.EmptyDir && volume.Files.Count > 0) errors.Add($"{at} is an emptyDir but carries files");
            if (volume.Kind == VolumeKind.Files) CheckFiles(volume, at, errors);
        }
    }

    private static void CheckFiles(VolumeSpec volume, string at, List<string> errors)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in volume.Files)
        {
            if (file is null)
            {
                errors.Add($"{at}: a file is null");
                continue;
            }

            var segments = (file.Path ?? "").Split('/');
            if (string.IsNullOrEmpty(file.Path) || segments.Any(s => s is "" or "." or ".." || s.Contains('\0', StringComparison.Ordinal) || s.Contains('\\', StringComparison.Ordinal)))
            {
                errors.Add($"{at}: file path '{file.Path}' must be relative, without empty, '.' or '..' segments");
            }
            else if (!paths.Add(file.Path)) errors.Add($"{at}: file {file.Path} appears more than once");

            if (file.ContentBase64 is null || !IsBase64(file.ContentBase64)) errors.Add($"{at}: file {file.Path} content is not base64");
        }
    }

    /// <summary>The decoded size of every file of every Files volume of <paramref name="workload"/>.</summary>
    public static long FileBytes(WorkloadSpec workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Volumes.Where(v => v.Kind == VolumeKind.Files).SelectMany(v => v.Files).Sum(f => (long)Convert.FromBase64String(f.ContentBase64).Length);
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static void Name(string? value, string what, string where, List<string> errors, Regex pattern)
    {
        if (value is null || value.Length > 253 || !pattern.IsMatch(value)) errors.Add($"{where}: {what} '{value}' is not a lowercase DNS name");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex UidPattern();
}
