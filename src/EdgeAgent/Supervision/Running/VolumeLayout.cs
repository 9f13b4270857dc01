using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// Where workloads' volumes live under the data dir: <c>pods/NAMESPACE/POD[_UID]/volumes/NAME</c> for emptyDir volumes
/// (shared by the pod's workloads, kept across restarts, removed with the pod's last workload) and
/// <c>pods/NAMESPACE/POD[_UID]/files/CONTAINER/NAME</c> for ConfigMap and Secret files, written afresh from the
/// document before every run and preopened read-only. The validator only lets DNS names through, so every path
/// stays inside the data dir.
/// </summary>
internal sealed class VolumeLayout(string dataDirectory)
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The folder holding every pod's volumes.</summary>
    public string Root { get; } = Path.Combine(dataDirectory, "pods");

    /// <summary>The folder of <paramref name="spec"/>'s pod.</summary>
    public string PodDirectory(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Path.Combine(Root, spec.Id.Namespace, spec.PodUid is null ? spec.Id.Pod : $"{spec.Id.Pod}_{spec.PodUid}");
    }

    /// <summary>Creates the workload's emptyDir folders (if missing) and writes its files; returns its preopens in spec order.</summary>
    public IReadOnlyList<Preopen> Prepare(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var preopens = new List<Preopen>();
        foreach (var volume in spec.Volumes)
        {
            if (volume.Kind == VolumeKind.EmptyDir)
            {
                var path = Path.Combine(PodDirectory(spec), "volumes", volume.Name);
                CreatePrivateDirectory(path);
                preopens.Add(new Preopen(path, volume.GuestPath, volume.ReadOnly));
            }
            else
            {
                var path = Path.Combine(FilesDirectory(spec), volume.Name);
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                CreatePrivateDirectory(path);
                foreach (var file in volume.Files) Write(Path.Combine(path, file.Path), Convert.FromBase64String(file.ContentBase64));
                preopens.Add(new Preopen(path, volume.GuestPath, ReadOnly: true));
            }
        }

        return preopens;
    }

    /// <summary>Deletes the workload's files, and the whole pod folder when <paramref name="lastOfPod"/>. Missing folders are fine.</summary>
    public void Remove(WorkloadSpec spec, bool lastOfPod)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var path = lastOfPod ? PodDirectory(spec) : FilesDirectory(spec);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private string FilesDirectory(WorkloadSpec spec) => Path.Combine(PodDirectory(spec), "files", spec.Id.Container);

    // Secrets land here: only the agent's user may read them.
    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyDirectory);
    }

    private static void Write(string path, byte[] content)
    {
        CreatePrivateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
