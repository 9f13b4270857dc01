namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>
/// The bearer token for requests. A token file is re-read once a minute, as client-go does, because bound service
/// account tokens are rotated by the kubelet; if a read fails the last good token (or the fixed one) is kept.
/// </summary>
internal sealed class BearerTokenSource
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly string? _file;
    private readonly TimeProvider _time;
    private string? _token;
    private long _readAt;
    private bool _everRead;

    /// <summary>A source for a fixed token and/or a token file.</summary>
    public BearerTokenSource(string? token, string? file, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _token = token;
        _file = file;
        _time = time;
    }

    /// <summary>The token to send now, or null when there is none.</summary>
    public string? Current()
    {
        if (_file is null) return _token;
        lock (_gate)
        {
            if (_everRead && _time.GetElapsedTime(_readAt) < RefreshPeriod) return _token;
            try
            {
                var text = File.ReadAllText(_file).Trim();
                if (text.Length > 0) _token = text;
            }
            catch (IOException)
            {
                // Keep the previous token: a rotation in progress must not fail requests.
            }
            catch (UnauthorizedAccessException)
            {
            }

            _everRead = true;
            _readAt = _time.GetTimestamp();
            return _token;
        }
    }
}
