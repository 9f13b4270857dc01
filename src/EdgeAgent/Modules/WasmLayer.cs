using System.Formats.Tar;
using System.IO.Compression;
using EdgeWasm.EdgeAgent.Modules.Oci;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>
/// Finds the wasm module in an image: the layer whose media type says wasm, or else the single layer of a single-layer
/// image. A single tar layer (as <c>docker build</c> makes from <c>FROM scratch / COPY app.wasm</c>) must hold
/// exactly one <c>.wasm</c> file, which is taken out.
/// </summary>
internal static class WasmLayer
{
    private static ReadOnlySpan<byte> Magic => "\0asm"u8;

    /// <summary>The layer holding the module.</summary>
    /// <exception cref="InvalidImageException">No wasm layer, or several.</exception>
    public static OciDescriptor Select(ResolvedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var layers = image.Manifest.Layers ?? [];
        var wasm = layers.Where(l => MediaTypes.IsWasmLayer(l.MediaType)).ToList();
        return wasm.Count switch
        {
            1 => wasm[0],
            > 1 => throw new InvalidImageException(image.Reference.ToString(), $"{image.Reference}: the image has {wasm.Count} wasm layers; expected one"),
            _ when layers.Count == 1 => layers[0],
            _ => throw new InvalidImageException(
                image.Reference.ToString(),
                $"{image.Reference}: no wasm layer ({MediaTypes.WasmContentLayer} or {MediaTypes.Wasm}) and not a single-layer image; layers: "
                + (layers.Count == 0 ? "none" : string.Join(", ", layers.Select(l => l.MediaType)))),
        };
    }

    /// <summary>The module bytes inside a downloaded (and digest-checked) layer.</summary>
    /// <exception cref="InvalidImageException">The layer is not a wasm module, or a tar layer without exactly one .wasm file.</exception>
    /// <exception cref="ModuleTooLargeException">The module inside a tar layer is over <paramref name="maxBytes"/>.</exception>
    public static byte[] Extract(string image, OciDescriptor layer, byte[] content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(content);
        var module = layer.MediaType switch
        {
            MediaTypes.OciLayerTar => FromTar(image, new MemoryStream(content), maxBytes),
            MediaTypes.OciLayerTarGzip or MediaTypes.DockerLayerTarGzip => FromTar(image, new GZipStream(new MemoryStream(content), CompressionMode.Decompress), maxBytes),
            _ => content,
        };
        if (!module.AsSpan().StartsWith(Magic))
        {
            throw new InvalidImageException(image, $"{image}: layer {layer.Digest} ({layer.MediaType}) is not a wasm module (no \\0asm magic)");
        }

        return module;
    }

    private static byte[] FromTar(string image, Stream archive, long maxBytes)
    {
        using var reader = new TarReader(archive, leaveOpen: false);
        byte[]? found = null;
        string? foundName = null;
        try
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (!entry.Name.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase)) continue;
                if (found is not null) throw new InvalidImageException(image, $"{image}: the layer holds several .wasm files ({foundName}, {entry.Name}); expected one");
                if (entry.Length > maxBytes) throw new ModuleTooLargeException(image, entry.Length, maxBytes, $"{image}: {entry.Name} is {entry.Length} bytes, over the limit of {maxBytes}");
                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                found = data.ToArray();
                foundName = entry.Name;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidImageException(image, $"{image}: the layer is not a readable tar archive: {ex.Message}", ex);
        }

        return found ?? throw new InvalidImageException(image, $"{image}: the tar layer holds no .wasm file");
    }
}
