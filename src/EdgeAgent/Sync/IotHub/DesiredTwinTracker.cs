using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// The device's copy of its twin's desired properties, kept by IoT Hub's reconnection flow: a whole copy from a twin
/// GET after every connect, then each notification merged in order of <c>$version</c>. A notification not newer than
/// the copy is ignored; one that skips a version means a notification was missed, and the twin is fetched again
/// (<see cref="OnPatchAsync"/> returns true). Whenever the <c>edgewasm</c> property changes, the document it holds is
/// checked and stored (newer versions only), or refused and reported.
/// </summary>
internal sealed class DesiredTwinTracker(
    string deviceId,
    AgentStore store,
    PayloadLimits limits,
    ChannelWriter<DesiredState> accepted,
    Action<RejectedMessage> reject,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<IotHubDesiredPatch> _held = [];
    private JsonObject? _desired;
    private long _version;
    private string? _handled;
    private long _refused;

    /// <summary>The desired version of the copy (0 before the first twin GET).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Documents the device refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes a whole copy (from a twin GET), then the held notifications that are newer; true when a later GET is needed.</summary>
    public async Task<bool> OnFullAsync(JsonObject desired, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _desired = (JsonObject)desired.DeepClone();
            Interlocked.Exchange(ref _version, version);
            var held = _held.Where(p => p.Version > version).OrderBy(p => p.Version).ToList();
            _held.Clear();
            var needsFull = false;
            foreach (var patch in held)
            {
                needsFull |= !Merge(patch);
                if (needsFull) break;
            }

            return await HandleAsync(cancellationToken).ConfigureAwait(false) || needsFull;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Merges a notification in order; true when it skipped a version and the whole twin is needed.</summary>
    public async Task<bool> OnPatchAsync(IotHubDesiredPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_desired is null)
            {
                // Before the GET's answer: the GET decides which of these are newer.
                _held.Add(patch);
                return false;
            }

            if (!Merge(patch)) return true;
            return await HandleAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the copy: notifications are not kept for a disconnected device, so the next connection starts with a GET.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _desired = null;
            _held.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    // False on a gap: the copy is dropped and the patch held for the GET that must follow.
    private bool Merge(IotHubDesiredPatch patch)
    {
        var version = Version;
        if (patch.Version <= version) return true;
        if (patch.Version != version + 1)
        {
            IotHubSyncLog.DesiredGap(logger, version, patch.Version);
            _desired = null;
            _held.Add(patch);
            return false;
        }

        JsonMergePatch.Apply(_desired!, patch.Patch);
        Interlocked.Exchange(ref _version, patch.Version);
        return true;
    }

    // True when the document could not be stored and the twin should be fetched again later.
    private async Task<bool> HandleAsync(CancellationToken cancellationToken)
    {
        var content = DesiredTwin.Read(_desired!, deviceId, limits.Desired);
        // The same content hash is the same document (or the same refusal): nothing new to do.
        if (!content.Present || (content.Sha256 is not null && content.Sha256 == _handled)) return false;
        var problem = content.Document is { } decoded ? DesiredChecks.Problem(decoded, deviceId) : content.Problem!;
        if (content.Document is not { } document || problem is not null)
        {
            _handled = content.Sha256;
            Interlocked.Increment(ref _refused);
            SyncLog.Refused(logger, TopicKind.Desired, (int)content.EncodedBytes, "twin desired property " + DesiredTwin.PropertyName, problem!);
            reject(new RejectedMessage
            {
                DeviceId = deviceId,
                Channel = TopicKind.Desired,
                Reason = problem!,
                Version = content.Version,
                PayloadBytes = (int)content.EncodedBytes,
                At = time.GetUtcNow(),
            });
            return false;
        }

        try
        {
            if (await store.Desired.SaveAsync(document, cancellationToken).ConfigureAwait(false))
            {
                SyncLog.DesiredStored(logger, document.Version, document.Workloads.Count);
                accepted.TryWrite(document);
            }
            else
            {
                SyncLog.DesiredNotNewer(logger, document.Version);
            }

            _handled = content.Sha256;
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SyncLog.DesiredStoreFailed(logger, ex, document.Version);
            return true;
        }
    }
}
