using System.Formats.Tar;
using System.IO.Compression;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

/// <summary>Builds filesystem layers as a container build would: tar, optionally gzipped.</summary>
internal static class TarLayers
{
    public static byte[] Tar(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        Write(output, files);
        return output.ToArray();
    }

    public static byte[] GzipTar(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            Write(gzip, files);
        }

        return output.ToArray();
    }

    private static void Write(Stream stream, (string Name, byte[] Content)[] files)
    {
        using var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (name, content) in files)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
    }
}
