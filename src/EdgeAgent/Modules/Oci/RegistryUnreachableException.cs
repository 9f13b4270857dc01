namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The registry could not be reached: connection refused, DNS, TLS, timeout, or a 5xx answer.</summary>
internal sealed class RegistryUnreachableException : ImageException
{
    /// <summary>Creates it.</summary>
    public RegistryUnreachableException(string image, string message, Exception? inner = null)
        : base(image, message, inner)
    {
    }
}
