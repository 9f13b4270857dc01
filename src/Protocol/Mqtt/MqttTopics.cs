using System.Text;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>MQTT topic name and filter rules (MQTT 3.1.1 §4.7), checked before anything reaches the library.</summary>
public static class MqttTopics
{
    /// <summary>Throws when <paramref name="topic"/> cannot be published to (empty, wildcards, NUL, too long).</summary>
    public static void ValidateTopicName(string topic, string what = "topic")
    {
        CheckCommon(topic, what);
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0) throw new ArgumentException($"{what} '{topic}' contains a wildcard (+ or #); only subscriptions may use them");
    }

    /// <summary>Throws when <paramref name="filter"/> is not a valid subscription filter.</summary>
    public static void ValidateTopicFilter(string filter)
    {
        CheckCommon(filter, "topic filter");
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                throw new ArgumentException($"topic filter '{filter}': '#' must be a whole level and the last one");
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                throw new ArgumentException($"topic filter '{filter}': '+' must be a whole level");
            }
        }
    }

    /// <summary>Whether <paramref name="topic"/> matches <paramref name="filter"/> (+ one level, # the rest).</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#") return true;
            if (i >= t.Length) return false;
            if (f[i] != "+" && f[i] != t[i]) return false;
        }

        return f.Length == t.Length;
    }

    private static void CheckCommon(string topic, string what)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0) throw new ArgumentException($"{what} is empty");
        if (topic.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException($"{what} '{topic}' contains a NUL character");
        if (Encoding.UTF8.GetByteCount(topic) > 65535) throw new ArgumentException($"{what} is longer than 65535 bytes");
    }
}
