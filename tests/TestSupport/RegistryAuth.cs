namespace EdgeWasm.TestSupport;

/// <summary>How an <see cref="OciRegistryFixture"/> authenticates clients.</summary>
public abstract record RegistryAuth
{
    private RegistryAuth()
    {
    }

    /// <summary>Basic auth against an htpasswd file (bcrypt entries) with these users and passwords.</summary>
    public sealed record Htpasswd(IReadOnlyDictionary<string, string> Users) : RegistryAuth;

    /// <summary>Bearer tokens from <paramref name="Server"/>, which the registry verifies with its root certificate.</summary>
    public sealed record Token(RegistryTokenServer Server) : RegistryAuth;
}
