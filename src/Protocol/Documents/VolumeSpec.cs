namespace EdgeWasm.Protocol.Documents;

/// <summary>A directory preopened for the guest at <see cref="GuestPath"/>.</summary>
public sealed record VolumeSpec
{
    // Accessors with backing fields: System.Text.Json's source generator assigns every init-only property,
    // passing default(T) for members absent from the JSON (dotnet/runtime#84484); these put the defaults back.
    private readonly IReadOnlyList<VolumeFile> _files = [];

    /// <summary>The pod's volume name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the guest sees it (the container's mountPath).</summary>
    public required string GuestPath { get; init; }

    /// <summary>What backs it.</summary>
    public required VolumeKind Kind { get; init; }

    /// <summary>Whether the guest may write.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>For <see cref="VolumeKind.Files"/>: the files, relative paths inside the volume.</summary>
    public IReadOnlyList<VolumeFile> Files { get => _files; init => _files = value ?? []; }
}

/// <summary>One file of a ConfigMap or Secret volume; content is base64 so binary data survives.</summary>
public sealed record VolumeFile(string Path, string ContentBase64);
