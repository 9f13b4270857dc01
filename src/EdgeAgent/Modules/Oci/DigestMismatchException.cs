using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>Content did not hash to the digest it was fetched by. Nothing was stored.</summary>
internal sealed class DigestMismatchException : ImageException
{
    /// <summary>Creates it.</summary>
    public DigestMismatchException(string image, string what, ContentDigest expected, ContentDigest actual)
        : base(image, $"{what} of {image} hashes to {actual}, not to the expected {expected}; nothing was stored")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The digest it should have.</summary>
    public ContentDigest Expected { get; }

    /// <summary>The digest it has.</summary>
    public ContentDigest Actual { get; }
}
