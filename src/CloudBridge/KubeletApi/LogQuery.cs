using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// The query of <c>/containerLogs</c>, with the API server's rules for PodLogOptions: <c>tailLines</c> not negative,
/// <c>limitBytes</c> and <c>sinceSeconds</c> positive, at most one of <c>sinceSeconds</c> and <c>sinceTime</c>;
/// booleans <c>follow</c>, <c>timestamps</c> and <c>previous</c>.
/// </summary>
internal sealed record LogQuery
{
    /// <summary>Only the last N lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>At most this many bytes of output.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Prefix each line with its RFC 3339 time.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Keep streaming new lines.</summary>
    public bool Follow { get; init; }

    /// <summary>Logs of the previous run.</summary>
    public bool Previous { get; init; }

    /// <summary>Only lines newer than this many seconds.</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Only lines at or after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>The earliest time asked for, or null.</summary>
    public DateTimeOffset? Since(DateTimeOffset now) => SinceTime ?? (SinceSeconds is { } s ? now.AddSeconds(-s) : null);

    /// <summary>Parses a query; false with the reason when it is invalid.</summary>
    public static bool TryParse(IQueryCollection query, out LogQuery result, out string error)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = new LogQuery();
        error = "";
        try
        {
            result = new LogQuery
            {
                TailLines = (int?)Integer(query, "tailLines", min: 0),
                LimitBytes = Integer(query, "limitBytes", min: 1),
                SinceSeconds = Integer(query, "sinceSeconds", min: 1),
                SinceTime = Time(query, "sinceTime"),
                Timestamps = Boolean(query, "timestamps"),
                Follow = Boolean(query, "follow"),
                Previous = Boolean(query, "previous"),
            };
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }

        if (result.SinceSeconds is not null && result.SinceTime is not null)
        {
            error = "at most one of `sinceTime` or `sinceSeconds` may be specified";
            return false;
        }

        return true;
    }

    private static long? Integer(IQueryCollection query, string name, long min)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values.ToString())) return null;
        var max = name == "tailLines" ? int.MaxValue : long.MaxValue;
        if (!long.TryParse(values.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new FormatException($"{name}: Invalid value: \"{values}\": must be an integer");
        }

        if (value < min) throw new FormatException(min == 0 ? $"{name}: Invalid value: {value}: must be greater than or equal to 0" : $"{name}: Invalid value: {value}: must be greater than 0");
        return value;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values.ToString())) return null;
        if (DateTimeOffset.TryParse(values.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new FormatException($"{name}: Invalid value: \"{values}\": must be an RFC 3339 time");
    }

    private static bool Boolean(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values.ToString())) return false;
        return values.ToString().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new FormatException($"{name}: Invalid value: \"{values}\": must be true or false"),
        };
    }
}
