namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The image is not something we can run: a malformed manifest, no wasm layer, no wasm platform in an index.</summary>
internal sealed class InvalidImageException : ImageException
{
    /// <summary>Creates it.</summary>
    public InvalidImageException(string image, string message, Exception? inner = null)
        : base(image, message, inner)
    {
    }
}
