using System.Text;
using System.Text.Json;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>
/// The registry's durable state: a snapshot of every device (<c>devices.json</c>) and a journal of the reported
/// changes accepted since (<c>journal.jsonl</c>, one JSON line each). A line reaches the operating system before the
/// registry returns, so a crash of the bridge loses nothing it acknowledged to the broker; fsync runs on an interval.
/// Replaying the journal on top of the snapshot is idempotent, because changes carry their sequence. A twin report
/// (IoT Hub) is a line <c>{"report": …, "deviceId": …}</c> beside the changes.
/// </summary>
internal sealed class DeviceJournal : IDisposable
{
    private const string SnapshotName = "devices.json";
    private const string JournalName = "journal.jsonl";
    private readonly string _directory;
    private readonly FileStream _journal;

    private DeviceJournal(string directory, FileStream journal, int entries)
    {
        _directory = directory;
        _journal = journal;
        Entries = entries;
    }

    /// <summary>Lines in the journal since the last snapshot.</summary>
    public int Entries { get; private set; }

    /// <summary>Opens the state in <paramref name="directory"/>: the snapshot's records and the journal's changes to replay.</summary>
    public static DeviceJournal Open(string directory, ILogger logger, out List<DeviceRecord> snapshot, out List<JournalEntry> journal)
    {
        Directory.CreateDirectory(directory);
        var snapshotPath = Path.Combine(directory, SnapshotName);
        snapshot = File.Exists(snapshotPath)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(snapshotPath), DeviceJsonContext.Default.ListDeviceRecord) ?? []
            : [];

        var stream = new FileStream(Path.Combine(directory, JournalName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            journal = ReadJournal(stream, logger);
            stream.Seek(0, SeekOrigin.End);
            return new DeviceJournal(directory, stream, journal.Count);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one accepted change (a single write system call).</summary>
    public void Append(ReportedChange change) => Write(JsonSerializer.SerializeToUtf8Bytes(change, DeviceJsonContext.Default.ReportedChange));

    private void Write(byte[] line)
    {
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        _journal.Write(buffer);
        Entries++;
    }

    /// <summary>Appends one accepted twin report of <paramref name="deviceId"/> (a single write system call).</summary>
    public void Append(string deviceId, TwinReport report) =>
        Write(JsonSerializer.SerializeToUtf8Bytes(new ReportLine(report, deviceId), DeviceJsonContext.Default.ReportLine));

    /// <summary>Forces the journal to the disk.</summary>
    public void Flush() => _journal.Flush(flushToDisk: true);

    /// <summary>Writes a new snapshot (atomically, by rename) and empties the journal.</summary>
    public void Compact(IEnumerable<DeviceRecord> records)
    {
        var path = Path.Combine(_directory, SnapshotName);
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, records.ToList(), DeviceJsonContext.Default.ListDeviceRecord);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        // A crash before this truncation replays changes the snapshot already holds; sequences make that harmless.
        _journal.SetLength(0);
        _journal.Flush(flushToDisk: true);
        Entries = 0;
    }

    /// <inheritdoc />
    public void Dispose() => _journal.Dispose();

    private static List<JournalEntry> ReadJournal(FileStream stream, ILogger logger)
    {
        var changes = new List<JournalEntry>();
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var start = 0;
        var lineNumber = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            lineNumber++;
            if (end < 0)
            {
                // A line without its newline was cut by a crash mid-write; it was never acknowledged to the broker.
                DeviceLog.JournalTornLine(logger, lineNumber);
                stream.SetLength(start);
                break;
            }

            try
            {
                var line = bytes.AsSpan(start, end - start);
                if (line.StartsWith("{\"report\":"u8))
                {
                    if (JsonSerializer.Deserialize(line, DeviceJsonContext.Default.ReportLine) is { } report) changes.Add(new JournalEntry(null, report.DeviceId, report.Report));
                }
                else if (JsonSerializer.Deserialize(line, DeviceJsonContext.Default.ReportedChange) is { } change)
                {
                    changes.Add(new JournalEntry(change));
                }
            }
            catch (JsonException ex)
            {
                DeviceLog.JournalBadLine(logger, ex, lineNumber, Encoding.UTF8.GetString(bytes, start, Math.Min(end - start, 200)));
            }

            start = end + 1;
        }

        return changes;
    }
}
