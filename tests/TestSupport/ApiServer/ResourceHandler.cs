using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.TestSupport.ApiServer.Patching;
using EdgeWasm.TestSupport.ApiServer.Selectors;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// get, list, create, update, patch and delete with the API server's rules: server-owned metadata, optimistic
/// concurrency on resourceVersion, the status subresource, no-op updates that do not bump the version,
/// consistent paged lists, graceful deletion and finalizers.
/// </summary>
internal sealed class ResourceHandler(ObjectStore store, ApiServerOptions options)
{
    private static readonly ApiResource Namespaces = ApiResource.Find("", "v1", "namespaces")!;

    /// <summary>Reads one object.</summary>
    public JsonObject Get(ApiResource resource, string? ns, string name)
    {
        lock (store.Gate) return Clone(store.Get(resource, ObjectStore.Key(resource, ns, name)) ?? throw ApiError.NotFound(resource, name));
    }

    /// <summary>Lists with selectors, limit/continue and resourceVersion semantics.</summary>
    public JsonObject List(ApiResource resource, string? ns, IReadOnlyDictionary<string, string> query)
    {
        var labels = LabelSelector.Parse(query.GetValueOrDefault("labelSelector"));
        var fields = FieldSelector.Parse(query.GetValueOrDefault("fieldSelector"), resource);
        var filter = new Watcher(resource, ns, labels, fields, bookmarks: false);
        var limit = 0;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            throw ApiError.BadRequest($"limit: Invalid value: \"{limitText}\"");
        }

        var rvParam = query.GetValueOrDefault("resourceVersion") ?? "";
        var match = query.GetValueOrDefault("resourceVersionMatch") ?? "";
        lock (store.Gate)
        {
            long snapshotRv;
            var startAfter = "";
            if (query.TryGetValue("continue", out var token) && token.Length > 0)
            {
                if (rvParam.Length > 0) throw ApiError.BadRequest("specifying resource version is not allowed when using continue");
                (snapshotRv, startAfter) = ContinueToken.Decode(token);
                if (snapshotRv < store.CompactedResourceVersion)
                {
                    throw ApiError.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue value from the response to do an inconsistent list read.");
                }
            }
            else if (match.Length > 0 && rvParam.Length == 0)
            {
                throw ApiError.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
            }
            else if (rvParam is "" or "0")
            {
                snapshotRv = store.ResourceVersion;
            }
            else
            {
                var requested = ParseRv(rvParam);
                if (requested > store.ResourceVersion) throw TooLarge(requested);
                if (match == "Exact")
                {
                    if (requested < store.CompactedResourceVersion) throw ApiError.Expired($"The resourceVersion for the provided list is too old.");
                    snapshotRv = requested;
                }
                else if (match is "" or "NotOlderThan")
                {
                    snapshotRv = store.ResourceVersion;
                }
                else
                {
                    throw ApiError.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
                }
            }

            var snapshot = snapshotRv == store.ResourceVersion
                ? new SortedDictionary<string, JsonObject>(store.All(resource).ToDictionary(), StringComparer.Ordinal)
                : store.SnapshotAt(resource, snapshotRv);
            var matching = snapshot.Where(p => string.CompareOrdinal(p.Key, startAfter) > 0 && filter.Matches(p.Value)).ToList();
            var page = limit > 0 ? matching.Take(limit).ToList() : matching;
            var metadata = new JsonObject { ["resourceVersion"] = ContinueToken.Rv(snapshotRv) };
            if (page.Count < matching.Count)
            {
                metadata["continue"] = ContinueToken.Encode(snapshotRv, page[^1].Key);
                // etcd can count what is left only when no selector filters it.
                if (!query.ContainsKey("labelSelector") && !query.ContainsKey("fieldSelector")) metadata["remainingItemCount"] = matching.Count - page.Count;
            }

            var items = new JsonArray();
            foreach (var (_, item) in page)
            {
                // Items of a list carry no kind or apiVersion of their own, as on a real server.
                var copy = Clone(item);
                copy.Remove("kind");
                copy.Remove("apiVersion");
                items.Add(copy);
            }

            return new JsonObject { ["kind"] = resource.Kind + "List", ["apiVersion"] = resource.ApiVersion, ["metadata"] = metadata, ["items"] = items };
        }
    }

    /// <summary>Creates an object; returns it as stored.</summary>
    public JsonObject Create(ApiResource resource, string? ns, JsonObject body)
    {
        lock (store.Gate)
        {
            CheckBody(resource, ns, nameOnUrl: null, body);
            var meta = (JsonObject)body["metadata"]!;
            if (resource.Namespaced && store.Get(Namespaces, (string)meta["namespace"]!) is null) throw ApiError.NotFound(Namespaces, (string)meta["namespace"]!);
            var name = (string?)meta["name"] ?? "";
            if (name.Length == 0)
            {
                var prefix = (string?)meta["generateName"] ?? throw ApiError.Invalid(resource, "", "metadata.name", "Required value: name or generateName is required", "FieldValueRequired");
                do name = prefix + RandomSuffix(); while (store.Get(resource, ObjectStore.Key(resource, ns, name)) is not null);
                meta["name"] = name;
            }

            var key = ObjectStore.Key(resource, ns, name);
            Validate(resource, name, body);
            if (store.Get(resource, key) is not null) throw ApiError.AlreadyExists(resource, name);
            foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink" }) meta.Remove(field);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            if (body.ContainsKey("spec")) meta["generation"] = 1;
            if (resource.Kind == "Pod" && resource.Group.Length == 0) PodRules.OnCreate(body);
            if (resource.Kind == "Namespace") body["status"] = new JsonObject { ["phase"] = "Active" };
            if (resource.Kind == "Secret") MergeStringData(body);
            return store.Put(resource, key, body);
        }
    }

    /// <summary>Replaces an object or its status (PUT).</summary>
    public JsonObject Update(ApiResource resource, string? ns, string name, string? subresource, JsonObject body)
    {
        lock (store.Gate)
        {
            var old = store.Get(resource, ObjectStore.Key(resource, ns, name)) ?? throw ApiError.NotFound(resource, name);
            CheckBody(resource, ns, name, body);
            return Commit(resource, name, old, body, subresource);
        }
    }

    /// <summary>Patches an object or its status.</summary>
    public JsonObject Patch(ApiResource resource, string? ns, string name, string? subresource, string? contentType, byte[] body)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest($"error decoding patch: {ex.Message}");
        }

        lock (store.Gate)
        {
            var old = store.Get(resource, ObjectStore.Key(resource, ns, name)) ?? throw ApiError.NotFound(resource, name);
            JsonNode? patched;
            try
            {
                patched = mediaType switch
                {
                    "application/merge-patch+json" => MergePatch.Apply(old, patch),
                    "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(old, patch),
                    "application/json-patch+json" => JsonPatch.Apply(old, patch as JsonArray ?? throw new InvalidOperationException("a JSON patch must be an array")),
                    _ => throw new ApiError(415, "UnsupportedMediaType",
                        $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
                };
            }
            catch (InvalidOperationException ex)
            {
                throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: {ex.Message}");
            }

            if (patched is not JsonObject candidate) throw ApiError.BadRequest("the patch does not produce an object");
            CheckBody(resource, ns, name, candidate);
            return Commit(resource, name, old, candidate, subresource);
        }
    }

    /// <summary>Deletes, gracefully for scheduled pods and objects with finalizers; returns the object's last state.</summary>
    public JsonObject Delete(ApiResource resource, string? ns, string name, byte[] body, IReadOnlyDictionary<string, string> query)
    {
        var opts = body.Length > 0 ? ParseObject(body) : new JsonObject();
        if (opts["dryRun"] is not null || query.ContainsKey("dryRun")) throw ApiError.BadRequest("dryRun is not supported by the API server double");
        long? requestedGrace = JsonNumbers.Long(opts["gracePeriodSeconds"]);
        if (query.TryGetValue("gracePeriodSeconds", out var g)) requestedGrace = long.Parse(g, CultureInfo.InvariantCulture);
        lock (store.Gate)
        {
            var key = ObjectStore.Key(resource, ns, name);
            var old = store.Get(resource, key) ?? throw ApiError.NotFound(resource, name);
            var meta = (JsonObject)old["metadata"]!;
            if (opts["preconditions"] is JsonObject pre)
            {
                if ((string?)pre["uid"] is { Length: > 0 } uid && uid != (string?)meta["uid"]) throw ApiError.PreconditionFailed(resource, name, "UID", uid, (string?)meta["uid"] ?? "");
                if ((string?)pre["resourceVersion"] is { Length: > 0 } rv && rv != (string?)meta["resourceVersion"])
                {
                    throw ApiError.PreconditionFailed(resource, name, "ResourceVersion", rv, (string?)meta["resourceVersion"] ?? "");
                }
            }

            var isPod = resource.Kind == "Pod" && resource.Group.Length == 0;
            var grace = isPod ? PodRules.GracePeriod(old, requestedGrace) : 0;
            var hasFinalizers = meta["finalizers"] is JsonArray { Count: > 0 };
            if (meta["deletionTimestamp"] is not null)
            {
                // Already terminating: a delete may only shorten the grace period.
                var current = JsonNumbers.Long(meta["deletionGracePeriodSeconds"]) ?? 0;
                if (grace >= current) return Clone(old);
                if (grace == 0 && !hasFinalizers) return store.Delete(resource, key);
            }
            else if (grace == 0 && !hasFinalizers)
            {
                return store.Delete(resource, key);
            }

            var terminating = Clone(old);
            var m = (JsonObject)terminating["metadata"]!;
            m["deletionTimestamp"] = WireJson.Time(options.Time.GetUtcNow().AddSeconds(grace));
            m["deletionGracePeriodSeconds"] = grace;
            if (m["generation"] is not null) m["generation"] = JsonNumbers.Long(m["generation"])!.Value + 1;
            return store.Put(resource, key, terminating);
        }
    }

    private JsonObject Commit(ApiResource resource, string name, JsonObject old, JsonObject candidate, string? subresource)
    {
        var oldMeta = (JsonObject)old["metadata"]!;
        var newMeta = (JsonObject)candidate["metadata"]!;
        if ((string?)newMeta["resourceVersion"] is { Length: > 0 } rv && rv != (string?)oldMeta["resourceVersion"]) throw ApiError.Conflict(resource, name);
        if ((string?)newMeta["uid"] is { Length: > 0 } uid && uid != (string?)oldMeta["uid"]) throw ApiError.PreconditionFailed(resource, name, "UID", uid, (string?)oldMeta["uid"] ?? "");

        JsonObject next;
        if (subresource == "status")
        {
            if (!resource.HasStatus) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
            // The status subresource changes only status.
            next = Clone(old);
            if (candidate["status"] is { } status) next["status"] = status.DeepClone();
            else next.Remove("status");
        }
        else if (subresource is not null)
        {
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        }
        else
        {
            next = Clone(candidate);
            // A main-resource update never changes status when a status subresource exists.
            if (resource.HasStatus)
            {
                if (old["status"] is { } oldStatus) next["status"] = oldStatus.DeepClone();
                else next.Remove("status");
            }

            var meta = (JsonObject)next["metadata"]!;
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                if (oldMeta[field] is { } value) meta[field] = value.DeepClone();
                else meta.Remove(field);
            }

            meta.Remove("managedFields");
            if (!JsonNode.DeepEquals(old["spec"], next["spec"]) && meta["generation"] is not null) meta["generation"] = JsonNumbers.Long(meta["generation"])!.Value + 1;
            if (resource.Kind == "Pod" && resource.Group.Length == 0) PodRules.ValidateSpecUpdate(resource, name, old, next);
            if (resource.Kind == "Secret") MergeStringData(next);
            Validate(resource, name, next);
        }

        ((JsonObject)next["metadata"]!)["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
        // A no-op update keeps the resourceVersion and emits no watch event.
        if (JsonNode.DeepEquals(old, next)) return Clone(old);

        var key = ObjectStore.KeyOf(resource, next);
        var nextMeta = (JsonObject)next["metadata"]!;
        var finalizersGone = nextMeta["finalizers"] is not JsonArray { Count: > 0 };
        if (nextMeta["deletionTimestamp"] is not null && finalizersGone && (JsonNumbers.Long(nextMeta["deletionGracePeriodSeconds"]) ?? 0) == 0)
        {
            // Removing the last finalizer of a deleted object deletes it in the same step: one DELETED event.
            return store.Delete(resource, key, next);
        }

        return store.Put(resource, key, next);
    }

    private static void CheckBody(ApiResource resource, string? ns, string? nameOnUrl, JsonObject body)
    {
        if ((string?)body["apiVersion"] is { } apiVersion && apiVersion != resource.ApiVersion)
        {
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion})");
        }

        if ((string?)body["kind"] is { } kind && kind != resource.Kind)
        {
            throw ApiError.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }

        body["apiVersion"] = resource.ApiVersion;
        body["kind"] = resource.Kind;
        if (body["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            body["metadata"] = meta;
        }

        if (resource.Namespaced)
        {
            var bodyNs = (string?)meta["namespace"];
            if (string.IsNullOrEmpty(bodyNs)) meta["namespace"] = ns;
            else if (bodyNs != ns) throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        else
        {
            meta.Remove("namespace");
        }

        if (nameOnUrl is null) return;
        var bodyName = (string?)meta["name"];
        if (string.IsNullOrEmpty(bodyName)) meta["name"] = nameOnUrl;
        else if (bodyName != nameOnUrl) throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({nameOnUrl})");
    }

    private static void Validate(ApiResource resource, string name, JsonObject item)
    {
        var nameError = resource.Kind == "Namespace" ? NameRules.Label(name) : NameRules.Subdomain(name);
        if (nameError is not null) throw ApiError.Invalid(resource, name, "metadata.name", $"Invalid value: \"{name}\": {nameError}");
        var meta = (JsonObject)item["metadata"]!;
        foreach (var (key, value) in meta["labels"] as JsonObject ?? [])
        {
            if (NameRules.QualifiedName(key) is { } keyError) throw ApiError.Invalid(resource, name, "metadata.labels", $"Invalid value: \"{key}\": {keyError}");
            var text = value?.GetValueKind() == JsonValueKind.String ? (string)value! : null;
            if (text is null || NameRules.LabelValue(text) is not null)
            {
                throw ApiError.Invalid(resource, name, "metadata.labels", $"Invalid value: \"{value}\": {NameRules.LabelValue(text ?? "?") ?? "must be a string"}");
            }
        }

        foreach (var (key, _) in meta["annotations"] as JsonObject ?? [])
        {
            if (NameRules.QualifiedName(key.ToLowerInvariant()) is { } keyError) throw ApiError.Invalid(resource, name, "metadata.annotations", $"Invalid value: \"{key}\": {keyError}");
        }

        if (resource.Kind == "Pod" && resource.Group.Length == 0) PodRules.Validate(resource, name, item);
    }

    private static void MergeStringData(JsonObject secret)
    {
        if (secret["stringData"] is JsonObject stringData)
        {
            var data = secret["data"] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in stringData) data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)v ?? ""));
            secret["data"] = data;
            secret.Remove("stringData");
        }

        secret["type"] ??= "Opaque";
    }

    private ApiError TooLarge(long requested)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
            ["retryAfterSeconds"] = 1,
        };
        return new ApiError(504, "Timeout", $"Too large resource version: {requested}, current: {store.ResourceVersion}", details) { RetryAfterSeconds = 1 };
    }

    /// <summary>Parses a resourceVersion parameter; anything but a number is 400.</summary>
    public static long ParseRv(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw ApiError.BadRequest($"resourceVersion: Invalid value: \"{text}\": must be a valid resource version");

    /// <summary>Parses a request body as a JSON object (400 otherwise).</summary>
    public static JsonObject ParseObject(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw ApiError.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest($"the request body is not valid JSON: {ex.Message}");
        }
    }

    private string Now() => WireJson.Time(options.Time.GetUtcNow());

    private static JsonObject Clone(JsonObject o) => (JsonObject)o.DeepClone();

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }
}
