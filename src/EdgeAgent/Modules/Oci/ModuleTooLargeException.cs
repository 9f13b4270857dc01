namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>A module (or manifest) is larger than the limit, or cannot fit in the storage budget beside the modules in use.</summary>
internal sealed class ModuleTooLargeException : ImageException
{
    /// <summary>Creates it.</summary>
    public ModuleTooLargeException(string image, long size, long limit, string message, Exception? inner = null)
        : base(image, message, inner)
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The size it has (or claims).</summary>
    public long Size { get; }

    /// <summary>The limit it broke.</summary>
    public long Limit { get; }
}
