using EdgeWasm.Cli.Run;
using EdgeWasm.Runtime;

namespace EdgeWasm.Cli.Tests.Run;

public sealed class ParserTests
{
    [Theory]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("512KiB", 512L << 10)]
    [InlineData("2k", 2048L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("1GB", 1_000_000_000L)]
    public void Size_ParsesUnits(string text, long bytes)
    {
        Assert.True(SizeParser.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5", 1500)]
    public void Duration_ParsesUnits(string text, double milliseconds)
    {
        Assert.True(SizeParser.TryParseDuration(text, out var parsed));
        Assert.Equal(milliseconds, parsed.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1MiB")]
    [InlineData("lots")]
    public void Size_RejectsNonsense(string text) => Assert.False(SizeParser.TryParseSize(text, out _));

    [Theory]
    [InlineData(ValueKind.I32, "-1", 0xFFFF_FFFFul)]
    [InlineData(ValueKind.I32, "4294967295", 0xFFFF_FFFFul)]
    [InlineData(ValueKind.I32, "-2147483648", 0x8000_0000ul)]
    [InlineData(ValueKind.I64, "0x7fffffffffffffff", 0x7FFF_FFFF_FFFF_FFFFul)]
    [InlineData(ValueKind.F32, "1.5", 0x3FC0_0000ul)]
    [InlineData(ValueKind.F32, "-inf", 0xFF80_0000ul)]
    [InlineData(ValueKind.F32, "nan:0x200000", 0x7FA0_0000ul)]
    [InlineData(ValueKind.F64, "nan", 0x7FF8_0000_0000_0000ul)]
    [InlineData(ValueKind.F64, "-0", 0x8000_0000_0000_0000ul)]
    public void Value_ParsesEveryNumericType(ValueKind kind, string text, ulong bits)
    {
        Assert.True(ValueParser.TryParse(kind, text, out var value));
        Assert.Equal(kind, value.Kind);
        Assert.Equal(bits, value.Bits);
    }

    [Theory]
    [InlineData(ValueKind.I32, "4294967296")]
    [InlineData(ValueKind.I32, "-2147483649")]
    [InlineData(ValueKind.I32, "1.5")]
    [InlineData(ValueKind.F32, "nan:0x0")]
    [InlineData(ValueKind.FuncRef, "0")]
    public void Value_RejectsWhatDoesNotFit(ValueKind kind, string text) => Assert.False(ValueParser.TryParse(kind, text, out _));
}
