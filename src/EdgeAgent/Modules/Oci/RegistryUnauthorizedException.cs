namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The registry (or its token service) refused the credentials, or there were none and it wants some.</summary>
internal sealed class RegistryUnauthorizedException : ImageException
{
    /// <summary>Creates it.</summary>
    public RegistryUnauthorizedException(string image, string message, Exception? inner = null)
        : base(image, message, inner)
    {
    }
}
