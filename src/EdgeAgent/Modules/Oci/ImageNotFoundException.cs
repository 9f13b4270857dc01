namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The registry does not have the repository, tag, manifest or blob.</summary>
internal sealed class ImageNotFoundException : ImageException
{
    /// <summary>Creates it.</summary>
    public ImageNotFoundException(string image, string message, Exception? inner = null)
        : base(image, message, inner)
    {
    }
}
