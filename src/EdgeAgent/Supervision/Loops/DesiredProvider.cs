using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The desired document the supervisor works from: the store's last applied document (whoever stored it, the MQTT link
/// or the desired file), once it passed <see cref="DesiredStateValidator"/>. A document that fails is refused whole and
/// logged; the device keeps running the last valid one.
/// </summary>
internal sealed class DesiredProvider(AgentStore store, string deviceId, ILogger logger)
{
    private long _checkedVersion = -1;
    private DesiredState? _valid;

    /// <summary>The newest valid document, or null before there is one.</summary>
    public async Task<DesiredState?> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.Desired.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version == _checkedVersion) return _valid;
        var stored = await store.Desired.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null) return _valid;

        var document = stored.Document;
        _checkedVersion = document.Version;
        var errors = DesiredStateValidator.Validate(document, deviceId);
        if (errors.Count > 0)
        {
            SupervisorLog.DesiredRejected(logger, document.Version, _valid?.Version ?? 0, string.Join("; ", errors));
            return _valid;
        }

        SupervisorLog.DesiredApplied(logger, document.Version, document.Workloads.Count);
        _valid = document;
        return _valid;
    }
}
