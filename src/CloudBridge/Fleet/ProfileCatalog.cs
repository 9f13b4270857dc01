using System.Collections.Concurrent;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>Hardware profiles by name, read once from the profiles folder (a bad one is remembered as its error).</summary>
internal sealed class ProfileCatalog(string directory)
{
    private readonly ProfileLoader _loader = new(directory);
    private readonly ConcurrentDictionary<string, (HardwareProfile? Profile, string? Problem)> _cache = new(StringComparer.Ordinal);

    /// <summary>Where profiles are read from.</summary>
    public string Directory => _loader.Directory;

    /// <summary>The profile called <paramref name="name"/>, or null with the reason.</summary>
    public HardwareProfile? Find(string name, out string? problem)
    {
        var (profile, why) = _cache.GetOrAdd(name, n =>
        {
            try
            {
                return (_loader.Load(n), null);
            }
            catch (ProfileException ex)
            {
                return (null, ex.Message);
            }
        });
        problem = why;
        return profile;
    }
}
