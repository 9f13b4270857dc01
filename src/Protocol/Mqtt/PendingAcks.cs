namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// Waiters for broker acknowledgements keyed by message id. An acknowledgement can arrive on the network thread
/// before the calling thread has attached its waiter (libmosquitto assigns the id inside the call, and the network
/// thread may send the packet and read the ack before the call returns), so an early one is kept until attached.
/// </summary>
internal sealed class PendingAcks
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, IAckWaiter> _waiting = [];
    private readonly Dictionary<int, int> _early = [];

    /// <summary>How many waiters have no acknowledgement yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }

    /// <summary>Attaches a waiter to message id <paramref name="mid"/>.</summary>
    public void Attach(int mid, IAckWaiter waiter)
    {
        int code;
        lock (_gate)
        {
            if (!_early.Remove(mid, out code))
            {
                _waiting[mid] = waiter;
                return;
            }
        }

        waiter.Acknowledged(code);
    }

    /// <summary>Hands <paramref name="code"/> to the waiter of <paramref name="mid"/>, or keeps it for a late waiter.</summary>
    public void Acknowledge(int mid, int code)
    {
        IAckWaiter? waiter;
        lock (_gate)
        {
            if (!_waiting.Remove(mid, out waiter))
            {
                _early[mid] = code;
                return;
            }
        }

        waiter.Acknowledged(code);
    }

    /// <summary>Fails every waiter (the client is going away).</summary>
    public void FailAll(Exception error)
    {
        List<IAckWaiter> waiters;
        lock (_gate)
        {
            waiters = [.. _waiting.Values];
            _waiting.Clear();
            _early.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Failed(error);
        }
    }
}
