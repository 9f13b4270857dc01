using EdgeWasm.Protocol.Images;
using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Modules.Oci;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Modules;

public sealed class WasmLayerTests
{
    private static OciDescriptor Layer(string mediaType, string seed = "x") =>
        new() { MediaType = mediaType, Digest = ContentDigest.Compute(System.Text.Encoding.UTF8.GetBytes(seed)), Size = 1 };

    private static ResolvedImage Image(params OciDescriptor[] layers)
    {
        var digest = ContentDigest.Compute("manifest"u8);
        return new ResolvedImage(ImageReference.Parse("reg.example/app:1"), digest, digest, new OciManifest { SchemaVersion = 2, Layers = layers }, null);
    }

    [Theory]
    [InlineData(MediaTypes.WasmContentLayer)]
    [InlineData(MediaTypes.Wasm)]
    public void Select_TakesTheLayerWithAWasmMediaType(string mediaType)
    {
        var wasm = Layer(mediaType, "wasm");

        Assert.Same(wasm, WasmLayer.Select(Image(Layer("application/vnd.example.readme"), wasm)));
    }

    [Fact]
    public void Select_TakesTheOnlyLayerOfASingleLayerImage()
    {
        var only = Layer(MediaTypes.OciLayerTarGzip);

        Assert.Same(only, WasmLayer.Select(Image(only)));
    }

    [Fact]
    public void Select_RefusesSeveralWasmLayers_AndImagesWithoutAny()
    {
        Assert.Contains("2 wasm layers", Assert.Throws<InvalidImageException>(() => WasmLayer.Select(Image(Layer(MediaTypes.Wasm, "a"), Layer(MediaTypes.Wasm, "b")))).Message, StringComparison.Ordinal);
        Assert.Contains("layers: none", Assert.Throws<InvalidImageException>(() => WasmLayer.Select(Image())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RefusesBytesThatAreNotWasm()
    {
        var error = Assert.Throws<InvalidImageException>(() => WasmLayer.Extract("img", Layer(MediaTypes.Wasm), "#!/bin/sh"u8.ToArray(), 100));

        Assert.Contains("not a wasm module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FromATar_NeedsExactlyOneWasmFile_WithinTheLimit()
    {
        var hello = WasmModules.Hello;
        var tar = Layer(MediaTypes.OciLayerTar);

        Assert.Equal(hello, WasmLayer.Extract("img", tar, TarLayers.Tar(("a/app.wasm", hello), ("b.txt", [1])), 1 << 20));
        Assert.Contains("several", Assert.Throws<InvalidImageException>(() => WasmLayer.Extract("img", tar, TarLayers.Tar(("a.wasm", hello), ("b.wasm", hello)), 1 << 20)).Message, StringComparison.Ordinal);
        Assert.Contains("no .wasm file", Assert.Throws<InvalidImageException>(() => WasmLayer.Extract("img", tar, TarLayers.Tar(("b.txt", [1])), 1 << 20)).Message, StringComparison.Ordinal);
        Assert.Throws<ModuleTooLargeException>(() => WasmLayer.Extract("img", tar, TarLayers.Tar(("a.wasm", hello)), 10));
        Assert.Throws<InvalidImageException>(() => WasmLayer.Extract("img", Layer(MediaTypes.OciLayerTarGzip), [1, 2, 3, 4], 1 << 20));
    }
}
