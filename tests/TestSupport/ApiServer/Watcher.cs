using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeWasm.TestSupport.ApiServer.Selectors;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// One open watch. Changes are offered in commit order and turned into the events this watch sees, as the
/// API server's cacher does: an object that starts matching the selectors arrives as ADDED, one that stops
/// matching as DELETED (its previous state at the new resourceVersion).
/// </summary>
internal sealed class Watcher(ApiResource resource, string? ns, LabelSelector labels, FieldSelector fields, bool bookmarks)
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Serialized events to stream, one JSON document per line.</summary>
    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>Cancelled to cut this watch's connection abruptly.</summary>
    public CancellationTokenSource Abort { get; } = new();

    /// <summary>Whether the object passes this watch's namespace and selectors.</summary>
    public bool Matches(JsonObject? item)
    {
        if (item is null) return false;
        var meta = (JsonObject)item["metadata"]!;
        if (ns is not null && (string?)meta["namespace"] != ns) return false;
        var labelMap = (meta["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") ?? [];
        return labels.Matches(labelMap) && fields.Matches(item);
    }

    /// <summary>Queues the synthetic ADDED of an existing object (a watch from "now" or "0").</summary>
    public void OfferInitial(JsonObject item)
    {
        if (Matches(item)) Write("ADDED", item);
    }

    /// <summary>Queues what a committed change means for this watch.</summary>
    public void Offer(StoredEvent e)
    {
        if (e.Resource != resource) return;
        switch (e.Type)
        {
            case "ADDED" when Matches(e.Object):
                Write("ADDED", e.Object);
                break;
            case "MODIFIED":
                var now = Matches(e.Object);
                var before = Matches(e.Previous);
                if (now) Write(before ? "MODIFIED" : "ADDED", e.Object);
                else if (before) Write("DELETED", WithVersion(e.Previous!, e.ResourceVersion));
                break;
            case "DELETED" when Matches(e.Previous):
                Write("DELETED", e.Object);
                break;
        }
    }

    /// <summary>Queues a BOOKMARK at <paramref name="resourceVersion"/> if this watch asked for them.</summary>
    public void OfferBookmark(long resourceVersion)
    {
        if (!bookmarks) return;
        var bookmark = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture),
                ["creationTimestamp"] = null,
            },
        };
        Write("BOOKMARK", bookmark);
    }

    /// <summary>Queues an ERROR event and ends the stream.</summary>
    public void OfferErrorAndComplete(JsonObject status)
    {
        Write("ERROR", status);
        Complete();
    }

    /// <summary>Ends the stream after what is queued.</summary>
    public void Complete() => _lines.Writer.TryComplete();

    private void Write(string type, JsonObject item)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = item.DeepClone() };
        _lines.Writer.TryWrite(WireJson.Write(line) + "\n");
    }

    private static JsonObject WithVersion(JsonObject item, long resourceVersion)
    {
        var copy = (JsonObject)item.DeepClone();
        ((JsonObject)copy["metadata"]!)["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
