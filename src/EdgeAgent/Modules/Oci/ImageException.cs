namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// A module image could not be pulled or pushed. The subtypes say why; the supervisor reports any of them as
/// ErrImagePull (then ImagePullBackOff) with the message.
/// </summary>
internal abstract class ImageException : Exception
{
    /// <summary>Creates it for <paramref name="image"/>.</summary>
    protected ImageException(string image, string message, Exception? inner = null)
        : base(message, inner)
    {
        Image = image;
    }

    /// <summary>The image reference as the user wrote it.</summary>
    public string Image { get; }
}
