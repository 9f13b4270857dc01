using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Decoding;

public sealed class WasmReaderTests
{
    [Theory]
    [InlineData("00", 0u)]
    [InlineData("7F", 127u)]
    [InlineData("8001", 128u)]
    [InlineData("E58E26", 624_485u)]
    [InlineData("FFFFFFFF0F", uint.MaxValue)]
    [InlineData("8080808000", 0u)] // padded to the full 5 bytes: allowed
    [InlineData("FF00", 127u)] // padded by one byte
    public void ReadVarU32_ValidEncodings_DecodeAndConsumeAllBytes(string hex, uint expected)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new WasmReader(bytes);
        Assert.Equal(expected, reader.ReadVarU32());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData("FFFFFFFF1F", "integer too large", 4)] // bit 32 set
    [InlineData("8280808070", "integer too large", 4)] // unused bits set
    [InlineData("808080808000", "integer representation too long", 4)] // 6 bytes
    [InlineData("80", "unexpected end", 1)]
    [InlineData("", "unexpected end", 0)]
    public void ReadVarU32_Malformed_FailsWithTheSpecWordingAtTheOffendingByte(string hex, string reason, int offset)
    {
        var error = Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex), 1000).ReadVarU32());
        Assert.Equal(reason, error.Reason);
        Assert.Equal(1000 + offset, error.Offset);
    }

    [Theory]
    [InlineData("7F", -1)]
    [InlineData("40", -64)]
    [InlineData("3F", 63)]
    [InlineData("C000", 64)]
    [InlineData("8080808078", int.MinValue)]
    [InlineData("FFFFFFFF07", int.MaxValue)]
    [InlineData("FFFFFFFF7F", -1)] // 5-byte -1: unused bits are the sign
    [InlineData("8080808000", 0)]
    public void ReadVarS32_ValidEncodings_SignExtend(string hex, int expected)
    {
        var reader = new WasmReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadVarS32());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData("FFFFFFFF0F", "integer too large")] // -1 with the unused bits not set
    [InlineData("8080808070", "integer too large")] // 0 with the unused bits set
    [InlineData("FFFFFFFFFF7F", "integer representation too long")]
    public void ReadVarS32_Malformed_Fails(string hex, string reason) =>
        Assert.Equal(reason, Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex)).ReadVarS32()).Reason);

    [Theory]
    [InlineData("7F", -1L)]
    [InlineData("FFFFFFFFFFFFFFFFFF00", long.MaxValue)]
    [InlineData("8080808080808080807F", long.MinValue)]
    [InlineData("FFFFFFFFFFFFFFFFFF7F", -1L)]
    [InlineData("80808080808080808000", 0L)]
    public void ReadVarS64_ValidEncodings_Decode(string hex, long expected)
    {
        var reader = new WasmReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadVarS64());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData("80808080808080808002", "integer too large")]
    [InlineData("FFFFFFFFFFFFFFFFFF41", "integer too large")]
    [InlineData("8080808080808080808000", "integer representation too long")]
    public void ReadVarS64_Malformed_Fails(string hex, string reason) =>
        Assert.Equal(reason, Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex)).ReadVarS64()).Reason);

    [Theory]
    [InlineData("40", -64L)]
    [InlineData("7F", -1L)]
    [InlineData("FFFFFFFF0F", 4_294_967_295L)] // the largest type index
    [InlineData("8080808070", -4_294_967_296L)] // -2^32, the smallest s33
    public void ReadVarS33_ValidEncodings_Decode(string hex, long expected) =>
        Assert.Equal(expected, new WasmReader(Convert.FromHexString(hex)).ReadVarS33());

    [Theory]
    [InlineData("8080808010")] // bit 32 set but not sign-extended
    [InlineData("FFFFFFFF4F")]
    public void ReadVarS33_UnusedBitsNotSignExtended_IsTooLarge(string hex) =>
        Assert.Equal("integer too large", Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex)).ReadVarS33()).Reason);

    [Fact]
    public void ReadName_Utf8_DecodesMultiByteCharacters()
    {
        var reader = new WasmReader(WasmBytes.Name("héllo, 世界 🌍"));
        Assert.Equal("héllo, 世界 🌍", reader.ReadName());
    }

    [Theory]
    [InlineData("02C080")] // overlong encoding of NUL
    [InlineData("03EDA080")] // a UTF-16 surrogate
    [InlineData("04F4908080")] // above U+10FFFF
    [InlineData("01FF")]
    [InlineData("01C3")] // truncated sequence
    public void ReadName_InvalidUtf8_IsMalformed(string hex) =>
        Assert.Equal("malformed UTF-8 encoding", Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex)).ReadName()).Reason);

    [Fact]
    public void ReadName_LengthBeyondTheData_IsLengthOutOfBounds() =>
        Assert.Equal("length out of bounds", Assert.Throws<WasmDecodeException>(() => new WasmReader([0x05, 0x61, 0x62]).ReadName()).Reason);

    [Fact]
    public void ReadCount_HugeCount_FailsBeforeAnythingIsAllocated()
    {
        var bytes = Convert.FromHexString("FFFFFFFF0F00");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<WasmDecodeException>(() => new WasmReader(bytes).ReadCount());
        Assert.Equal("length out of bounds", error.Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void ReadCount_ElementsThatCannotFit_FailWhenAMinimumSizeIsGiven()
    {
        // 3 elements of at least 2 bytes cannot fit in the 4 bytes left.
        var error = Assert.Throws<WasmDecodeException>(() => new WasmReader([0x03, 1, 2, 3, 4]).ReadCount(minElementSize: 2));
        Assert.StartsWith("unexpected end", error.Reason, StringComparison.Ordinal);
        Assert.Equal(3u, new WasmReader([0x03, 1, 2, 3, 4]).ReadCount(minElementSize: 1));
    }

    [Fact]
    public void Errors_NameTheAbsoluteOffsetTheSectionAndTheFunction()
    {
        var error = Assert.Throws<WasmDecodeException>(() => new WasmReader([0x80], baseOffset: 0x40) { Section = "code", FunctionIndex = 3 }.ReadVarU32());
        Assert.Equal("unexpected end of section or function", error.Reason);
        Assert.Equal(0x41, error.Offset);
        Assert.Equal("code", error.Section);
        Assert.Equal(3, error.FunctionIndex);
        Assert.Equal("unexpected end of section or function (at offset 0x41 in section code, function 3)", error.Message);
    }

    [Fact]
    public void ReadValueType_Simd_SaysItIsNotSupportedYet()
    {
        var error = Assert.Throws<WasmDecodeException>(() => new WasmReader([0x7B]).ReadValueType());
        Assert.Contains("SIMD", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7F, ValueKind.I32)]
    [InlineData(0x7E, ValueKind.I64)]
    [InlineData(0x7D, ValueKind.F32)]
    [InlineData(0x7C, ValueKind.F64)]
    [InlineData(0x70, ValueKind.FuncRef)]
    [InlineData(0x6F, ValueKind.ExternRef)]
    public void ReadValueType_EachType_Decodes(byte encoded, ValueKind expected) =>
        Assert.Equal(expected, new WasmReader([encoded]).ReadValueType());

    [Theory]
    [InlineData("7A", "malformed value type 0x7a")]
    [InlineData("FF7F", "integer representation too long")]
    public void ReadValueType_Unknown_IsMalformed(string hex, string reason) =>
        Assert.Equal(reason, Assert.Throws<WasmDecodeException>(() => new WasmReader(Convert.FromHexString(hex)).ReadValueType()).Reason);
}
