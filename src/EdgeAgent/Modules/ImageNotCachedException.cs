using EdgeWasm.EdgeAgent.Modules.Oci;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>Pull policy Never and the module is not cached (Kubernetes reports this as ErrImageNeverPull).</summary>
internal sealed class ImageNotCachedException : ImageException
{
    /// <summary>Creates it.</summary>
    public ImageNotCachedException(string image, string message)
        : base(image, message)
    {
    }
}
