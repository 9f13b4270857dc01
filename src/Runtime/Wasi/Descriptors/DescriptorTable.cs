using System.Diagnostics.CodeAnalysis;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// The guest's file descriptor numbers. New descriptors take the lowest free number, as POSIX does. The table is
/// capped so a guest that opens files in a loop runs out of its own descriptors (EMFILE), not the host's.
/// </summary>
internal sealed class DescriptorTable : IDisposable
{
    private readonly Dictionary<int, Descriptor> _entries = [];

    public DescriptorTable(int limit) => Limit = limit;

    /// <summary>The most descriptors the guest may hold at once.</summary>
    public int Limit { get; }

    public int Count => _entries.Count;

    public bool TryGet(int fd, [NotNullWhen(true)] out Descriptor? descriptor) => _entries.TryGetValue(fd, out descriptor);

    /// <summary>
    /// The descriptor at <paramref name="fd"/>: EBADF if there is none, ENOTCAPABLE if it lost one of
    /// <paramref name="rights"/> that its kind has (see <see cref="Descriptor.NaturalRights"/>).
    /// </summary>
    public Errno Lookup(int fd, Rights rights, [NotNullWhen(true)] out Descriptor? descriptor)
    {
        if (!_entries.TryGetValue(fd, out descriptor)) return Errno.Badf;
        var lost = rights & ~descriptor.BaseRights & descriptor.NaturalRights;
        return lost == 0 ? Errno.Success : Errno.NotCapable;
    }

    /// <summary>Places <paramref name="descriptor"/> at the lowest free number; on EMFILE the caller still owns it.</summary>
    public Errno Add(Descriptor descriptor, out int fd)
    {
        fd = -1;
        if (_entries.Count >= Limit) return Errno.Mfile;
        var candidate = 0;
        while (_entries.ContainsKey(candidate)) candidate++;
        _entries[candidate] = descriptor;
        fd = candidate;
        return Errno.Success;
    }

    /// <summary>Places <paramref name="descriptor"/> at <paramref name="fd"/>; used while building the initial table.</summary>
    public void Insert(int fd, Descriptor descriptor) => _entries.Add(fd, descriptor);

    /// <summary>Removes and returns the descriptor at <paramref name="fd"/>, without disposing it.</summary>
    public Descriptor? Remove(int fd) => _entries.Remove(fd, out var descriptor) ? descriptor : null;

    /// <summary>fd_renumber: moves <paramref name="from"/> to <paramref name="to"/>, closing what was at <paramref name="to"/>.</summary>
    public Errno Renumber(int from, int to)
    {
        if (!_entries.TryGetValue(from, out var moving)) return Errno.Badf;
        if (from == to) return Errno.Success;
        if (to < 0) return Errno.Badf;
        if (_entries.Remove(to, out var replaced)) replaced.Dispose();
        _entries.Remove(from);
        _entries[to] = moving;
        return Errno.Success;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var descriptor in _entries.Values) descriptor.Dispose();
        _entries.Clear();
    }
}
