namespace EdgeWasm.Protocol.Profiles;

/// <summary>A profile is unknown, unreadable or breaks a rule; the message says which and why.</summary>
public sealed class ProfileException : Exception
{
    /// <summary>Creates it.</summary>
    public ProfileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates it around the cause.</summary>
    public ProfileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>For serializers and analyzers; prefer a message.</summary>
    public ProfileException()
    {
    }
}
