using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>A pod volume with its content read: the kind of preopen and, for ConfigMaps and Secrets, its files.</summary>
internal sealed record ResolvedVolume(VolumeKind Kind, IReadOnlyList<VolumeFile> Files, bool AlwaysReadOnly);
