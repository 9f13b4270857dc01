using System.Text.Json.Serialization.Metadata;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Kubernetes;

/// <summary>Where a kind of object lives in the API (group, version, plural, scope) and how it is (de)serialized.</summary>
internal sealed record KubeResource<T> where T : KubeObject
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version, e.g. v1.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name used in URLs, e.g. pods.</summary>
    public required string Plural { get; init; }

    /// <summary>Kind, e.g. Pod.</summary>
    public required string Kind { get; init; }

    /// <summary>True for namespaced resources.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Serialization of one object.</summary>
    public required JsonTypeInfo<T> TypeInfo { get; init; }

    /// <summary>Serialization of a list.</summary>
    public required JsonTypeInfo<KubeList<T>> ListTypeInfo { get; init; }

    /// <summary>apiVersion as written in objects: <c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection URL path; <paramref name="ns"/> null lists across all namespaces.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        if (!Namespaced || ns is null) return $"{root}/{Plural}";
        return $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }

    /// <summary>One object's URL path, optionally a subresource such as <c>status</c>.</summary>
    public string ItemPath(string? ns, string name, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Namespaced && string.IsNullOrEmpty(ns)) throw new ArgumentException($"{Plural} are namespaced: a namespace is required", nameof(ns));
        var path = $"{CollectionPath(Namespaced ? ns : null)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }
}
