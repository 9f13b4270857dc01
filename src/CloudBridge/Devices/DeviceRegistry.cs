using System.Collections.Immutable;
using System.Threading.Channels;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// Every device the bridge has heard of: what it last reported and when it was last seen. Reported changes are
/// applied once each, in order, by (device, stream, sequence): a sequence at or below the last applied one is a
/// redelivery and dropped; a higher one than next is applied and the gap recorded. The state survives a restart of
/// the bridge (<see cref="DeviceJournal"/>), so old sequences are never applied twice.
/// </summary>
/// <remarks>
/// Mutations come from the MQTT network thread and are short; readers get immutable snapshots without locking.
/// </remarks>
internal sealed class DeviceRegistry : IDisposable
{
    private readonly DeviceRegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Channel<DeviceEvent>> _watchers = [];
    private readonly DeviceJournal _journal;
    private readonly ITimer _fsync;
    private ImmutableDictionary<string, DeviceRecord> _devices = ImmutableDictionary<string, DeviceRecord>.Empty.WithComparers(StringComparer.Ordinal);
    private long _refused;
    private bool _replaying;
    private bool _disposed;

    private DeviceRegistry(DeviceRegistryOptions options, TimeProvider time, ILogger logger, DeviceJournal journal)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _journal = journal;
        _fsync = time.CreateTimer(_ => FlushJournal(), null, options.FsyncInterval, options.FsyncInterval);
    }

    /// <summary>Every known device, by id (an immutable snapshot).</summary>
    public ImmutableDictionary<string, DeviceRecord> Devices => Volatile.Read(ref _devices);

    /// <summary>Payloads refused from all devices since the bridge started.</summary>
    public long RefusedPayloads => Interlocked.Read(ref _refused);

    /// <summary>The liveness rule's timeout.</summary>
    public TimeSpan HeartbeatTimeout => _options.HeartbeatTimeout;

    /// <summary>Loads the snapshot, replays the journal and starts the periodic fsync.</summary>
    public static DeviceRegistry Open(DeviceRegistryOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var journal = DeviceJournal.Open(options.StateDirectory, logger, out var snapshot, out var changes);
        var registry = new DeviceRegistry(options, time, logger, journal);
        registry._devices = snapshot.ToImmutableDictionary(r => r.DeviceId, StringComparer.Ordinal);
        registry._replaying = true;
        foreach (var entry in changes)
        {
            if (entry.Change is { } change) registry.ApplyReported(change);
            else registry.ApplyReport(entry.DeviceId!, entry.Report!);
        }

        registry._replaying = false;
        DeviceLog.Loaded(logger, registry._devices.Count, changes.Count, options.StateDirectory);
        return registry;
    }

    /// <summary>One device, or null.</summary>
    public DeviceRecord? Get(string deviceId) => Devices.GetValueOrDefault(deviceId);

    /// <summary>
    /// Events from now on, for one loop. Capacity bounds what a stalled reader holds; past it the oldest events are
    /// dropped, so a loop must also resync from <see cref="Devices"/> periodically. Dispose the watch to stop.
    /// </summary>
    public DeviceWatch Watch(int capacity = 4096)
    {
        var channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _watchers.Add(channel);
        return new DeviceWatch(channel.Reader, () =>
        {
            lock (_gate) _watchers.Remove(channel);
            channel.Writer.TryComplete();
        });
    }

    /// <summary>Applies a reported change once, in order; journals it before returning when it changed anything.</summary>
    public ApplyOutcome ApplyReported(ReportedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = Touch(change.DeviceId, now, out var events);
            if (!Admit(ref record, change.DeviceId, change.Stream, change.Sequence, folded: false, events, now, out var outcome)) return outcome;
            record = Change(record with { Stream = change.Stream, LastSequence = change.Sequence, ReportedAt = change.ObservedAt }, change);
            events.Add(new DeviceEvent(change.DeviceId, DeviceEventKind.Reported, now, change.Sequence, change.Kind.ToString()));
            Store(record, events);
            // After Store, so that a compaction triggered here snapshots this change too.
            if (!_replaying) Journal(j => j.Append(change));
            return outcome;
        }
    }

    /// <summary>
    /// Applies a device's twin report (IoT Hub): the state its outbox changes add up to, up to (stream, sequence).
    /// Applied once and only forward, like a change; the changes a report folds together are superseded, not lost
    /// (<see cref="DeviceRecord.FoldedSequences"/>). Reading a twin is not hearing from the device, so last-seen is
    /// left to presence and heartbeats.
    /// </summary>
    public ApplyOutcome ApplyReport(string deviceId, TwinReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = Existing(deviceId, out var events);
            if (!Admit(ref record, deviceId, report.Stream, report.Sequence, folded: true, events, now, out var outcome)) return outcome;
            // New device facts get their own event, as a DeviceInfo change does over MQTT (the pod sync waits for it).
            if (report.Device is { } device && device != record.Device)
            {
                events.Add(new DeviceEvent(deviceId, DeviceEventKind.Reported, now, report.Sequence, nameof(ReportedChangeKind.DeviceInfo)));
            }

            record = record with
            {
                Stream = report.Stream,
                LastSequence = report.Sequence,
                ReportedAt = report.ObservedAt,
                AppliedVersion = report.AppliedVersion,
                Device = report.Device ?? record.Device,
                Workloads = report.Workloads.Values.ToImmutableDictionary(w => w.Id),
            };
            events.Add(new DeviceEvent(deviceId, DeviceEventKind.Reported, now, report.Sequence, "Report"));
            Store(record, events);
            if (!_replaying) Journal(j => j.Append(deviceId, report));
            return outcome;
        }
    }

    /// <summary>
    /// Records a presence message (the device's own, or its last will) and the device facts it carries: the retained
    /// presence is how a bridge whose session is new learns them (it missed the <c>DeviceInfo</c> change).
    /// </summary>
    public void ApplyPresence(PresenceMessage presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // The last will is the broker's word that the connection died, not that the device spoke: keep LastSeen.
            var record = presence.Online ? Touch(presence.DeviceId, now, out var events) : Existing(presence.DeviceId, out events);
            if (record.Online != presence.Online)
            {
                events.Add(new DeviceEvent(presence.DeviceId, presence.Online ? DeviceEventKind.Online : DeviceEventKind.Offline, now));
            }

            if (presence.Device is { } device && device != record.Device)
            {
                events.Add(new DeviceEvent(presence.DeviceId, DeviceEventKind.Described, now, null, nameof(ReportedChangeKind.DeviceInfo)));
                record = record with { Device = device };
            }

            Store(record with { Online = presence.Online, PresenceAt = now }, events);
        }
    }

    /// <summary>Records a heartbeat.</summary>
    public void ApplyHeartbeat(HeartbeatMessage heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = Touch(heartbeat.DeviceId, now, out var events);
            // A heartbeat proves the connection is up even if the retained "online" was lost or is stale.
            Store(record with { LastHeartbeat = heartbeat, Online = true }, events);
        }
    }

    /// <summary>Records that the device refused something the bridge sent.</summary>
    public void ApplyRejected(RejectedMessage rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = Touch(rejected.DeviceId, now, out var events);
            DeviceLog.DeviceRejected(_logger, rejected.DeviceId, rejected.Channel, rejected.Version, rejected.RequestId, rejected.Reason);
            events.Add(new DeviceEvent(rejected.DeviceId, DeviceEventKind.Rejected, now, rejected.Version, rejected.Reason));
            Store(record with { LastRejection = rejected }, events);
        }
    }

    /// <summary>Counts and reports a payload the bridge refused from <paramref name="deviceId"/>.</summary>
    public void RecordRefused(string deviceId, TopicKind channel, string topic, int bytes, string reason)
    {
        Interlocked.Increment(ref _refused);
        DeviceLog.Refused(_logger, channel, bytes, deviceId, topic, reason);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var record = Existing(deviceId, out var events);
            events.Add(new DeviceEvent(deviceId, DeviceEventKind.Refused, now, null, reason));
            Store(record with { RefusedPayloads = record.RefusedPayloads + 1 }, events);
        }
    }

    /// <summary>Writes a snapshot and forces everything to the disk.</summary>
    public void Checkpoint()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _journal.Compact(_devices.Values);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fsync.Dispose();
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                _journal.Compact(_devices.Values);
            }
            catch (IOException ex)
            {
                DeviceLog.JournalFailed(_logger, ex);
            }

            _journal.Dispose();
            _disposed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    private static DeviceRecord Change(DeviceRecord record, ReportedChange change) => change.Kind switch
    {
        ReportedChangeKind.WorkloadStatus => record with { Workloads = record.Workloads.SetItem(change.Workload!.Id, change.Workload) },
        ReportedChangeKind.WorkloadRemoved => record with { Workloads = record.Workloads.Remove(change.RemovedWorkload!.Value) },
        ReportedChangeKind.AppliedVersion => record with { AppliedVersion = change.AppliedVersion!.Value },
        ReportedChangeKind.DeviceInfo => record with { Device = change.Device },
        _ => record,
    };

    // Whether (stream, sequence) moves the record forward; a duplicate is counted (and stored) here. A new stream
    // retires the old one. Past the next sequence: over MQTT changes were lost (a gap, recorded); in a twin report
    // they were folded into it.
    private bool Admit(ref DeviceRecord record, string deviceId, string stream, long sequence, bool folded, List<DeviceEvent> events, DateTimeOffset now, out ApplyOutcome outcome)
    {
        outcome = ApplyOutcome.Applied;
        if (record.Stream is null || record.Stream == stream)
        {
            if (record.Stream is not null && sequence <= record.LastSequence)
            {
                outcome = ApplyOutcome.Duplicate;
                // A twin read again at the same sequence is a poll that found nothing new, not a redelivery.
                if (!_replaying && !(folded && sequence == record.LastSequence)) Store(record with { Duplicates = record.Duplicates + 1 }, events);
                return false;
            }

            // The first change the bridge sees of a device may not be 1: it may have joined late.
            if (record.Stream is null || sequence == record.LastSequence + 1) return true;
            if (folded)
            {
                record = record with { FoldedSequences = record.FoldedSequences + (sequence - record.LastSequence - 1) };
                return true;
            }

            outcome = ApplyOutcome.AppliedAfterGap;
            record = record with { SkippedSequences = record.SkippedSequences + (sequence - record.LastSequence - 1) };
            if (!_replaying) DeviceLog.Gap(_logger, deviceId, record.LastSequence + 1, sequence - 1, stream);
            events.Add(new DeviceEvent(deviceId, DeviceEventKind.Gap, now, sequence, $"{record.LastSequence + 1}..{sequence - 1}"));
            return true;
        }

        if (record.RetiredStreams.Contains(stream))
        {
            outcome = ApplyOutcome.RetiredStream;
            return false;
        }

        if (!_replaying) DeviceLog.StreamReset(_logger, deviceId, stream, record.Stream);
        events.Add(new DeviceEvent(deviceId, DeviceEventKind.StreamReset, now, sequence, record.Stream));
        // Keep a few old streams: enough to drop stragglers, not a list that grows forever.
        record = record with { RetiredStreams = record.RetiredStreams.Add(record.Stream).TakeLast(8).ToImmutableList() };
        return true;
    }

    // The device's record with LastSeen = now, and a Returned event when it had been silent too long.
    private DeviceRecord Touch(string deviceId, DateTimeOffset now, out List<DeviceEvent> events)
    {
        var record = Existing(deviceId, out events);
        if (record.LastSeen is { } seen && now - seen > _options.HeartbeatTimeout && !_replaying)
        {
            events.Add(new DeviceEvent(deviceId, DeviceEventKind.Returned, now, null, $"silent since {seen:O}"));
        }

        return _replaying ? record : record with { LastSeen = now };
    }

    private DeviceRecord Existing(string deviceId, out List<DeviceEvent> events)
    {
        events = [];
        return _devices.TryGetValue(deviceId, out var record) ? record : new DeviceRecord { DeviceId = deviceId };
    }

    private void Store(DeviceRecord record, List<DeviceEvent> events)
    {
        Volatile.Write(ref _devices, _devices.SetItem(record.DeviceId, record));
        if (_replaying) return;
        foreach (var e in events)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(e);
            }
        }
    }

    private void Journal(Action<DeviceJournal> append)
    {
        if (_disposed) return;
        try
        {
            append(_journal);
            if (_journal.Entries >= _options.CompactAfter) _journal.Compact(_devices.Values);
        }
        catch (IOException ex)
        {
            DeviceLog.JournalFailed(_logger, ex);
        }
    }

    private void FlushJournal()
    {
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                _journal.Flush();
            }
            catch (IOException ex)
            {
                DeviceLog.JournalFailed(_logger, ex);
            }
        }
    }
}
