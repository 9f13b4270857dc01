using System.Net;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The registry answered with a status this client does not expect (for example 400 on a bad upload).</summary>
internal sealed class RegistryErrorException : ImageException
{
    /// <summary>Creates it.</summary>
    public RegistryErrorException(string image, HttpStatusCode status, string message)
        : base(image, message)
    {
        Status = status;
    }

    /// <summary>The HTTP status the registry answered.</summary>
    public HttpStatusCode Status { get; }
}
