using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Decoding;

public sealed class InstructionReaderTests
{
    private const long Base = 0x100;

    // One instruction of each immediate shape, with their expected decodings checked in order below.
    private static readonly byte[] Code = WasmBytes.Concat(
        [0x02, 0x40], // block (empty)
        [0x03, 0x7E], // loop (result i64)
        [0x04, 0x85, 0x00], // if (type 5), the index as a padded s33
        [0x0C, 0x01], // br 1
        [0x0E, 0x03, 0x00, 0x81, 0x01, 0x02, 0x03], // br_table [0 129 2] default 3
        [0x10, 0x07], // call 7
        [0x11, 0x02, 0x01], // call_indirect type 2 table 1
        [0x1C, 0x01, 0x7E], // select (result i64)
        [0x20, 0x03], // local.get 3
        [0x24, 0x02], // global.set 2
        [0x25, 0x01], // table.get 1
        [0x28, 0x02, 0x10], // i32.load align=4 offset=16
        [0x3F, 0x00], // memory.size
        [0x41], WasmBytes.S64(-5), // i32.const -5
        [0x42], WasmBytes.S64(long.MinValue), // i64.const
        [0x43, 0x01, 0x00, 0xA0, 0x7F], // f32.const: a signalling NaN, bits 0x7FA00001
        [0x44], BitConverter.GetBytes(0x7FF0_0000_0000_0001UL), // f64.const: a signalling NaN
        [0xD0, 0x6F], // ref.null extern
        [0xD2, 0x04], // ref.func 4
        [0xFC, 0x08, 0x03, 0x00], // memory.init 3
        [0xFC, 0x0E, 0x01, 0x02], // table.copy 1 <- 2
        [0xFC, 0x0C, 0x04, 0x05], // table.init elem 4 table 5
        [0xFC, 0x10, 0x06], // table.size 6
        [0xFC, 0x80, 0x00], // i32.trunc_sat_f32_s with a padded sub-opcode
        [0x6A], // i32.add
        [0x0B]); // end

    [Fact]
    public void Read_EveryImmediateShape_DecodesItsImmediatesAndOffsets()
    {
        var r = new InstructionReader(Code, Base, functionIndex: 2);

        Assert.Equal(Opcode.Block, r.Read());
        Assert.Equal(Base, r.InstructionOffset);
        Assert.Equal(BlockType.Empty, r.BlockType);
        Assert.Equal(Opcode.Loop, r.Read());
        Assert.Equal(Base + 2, r.InstructionOffset);
        Assert.Equal(BlockType.Of(ValueKind.I64), r.BlockType);
        Assert.Equal(Opcode.If, r.Read());
        Assert.Equal(BlockType.OfType(5), r.BlockType);
        Assert.Equal(Opcode.Br, r.Read());
        Assert.Equal(1u, r.LabelIndex);

        Assert.Equal(Opcode.BrTable, r.Read());
        Assert.Equal(3u, r.BrTableDefault);
        Assert.Equal([0u, 129u, 2u], Targets(r.BrTableTargets));
        Assert.Equal([0u, 129u, 2u], Targets(r.BrTableTargets)); // each access starts again

        Assert.Equal(Opcode.Call, r.Read());
        Assert.Equal(7u, r.FunctionIndex);
        Assert.Equal(Opcode.CallIndirect, r.Read());
        Assert.Equal((2u, 1u), (r.TypeIndex, r.TableIndex));
        Assert.Equal(Opcode.SelectTyped, r.Read());
        Assert.Equal((1u, ValueKind.I64), (r.SelectTypeCount, r.SelectType));
        Assert.Equal(Opcode.LocalGet, r.Read());
        Assert.Equal(3u, r.LocalIndex);
        Assert.Equal(Opcode.GlobalSet, r.Read());
        Assert.Equal(2u, r.GlobalIndex);
        Assert.Equal(Opcode.TableGet, r.Read());
        Assert.Equal(1u, r.TableIndex);
        Assert.Equal(Opcode.I32Load, r.Read());
        Assert.Equal((2u, 16u), (r.Align, r.MemoryOffset));
        Assert.Equal(Opcode.MemorySize, r.Read());

        Assert.Equal(Opcode.I32Const, r.Read());
        Assert.Equal(-5, r.I32Value);
        Assert.Equal(Opcode.I64Const, r.Read());
        Assert.Equal(long.MinValue, r.I64Value);
        Assert.Equal(Opcode.F32Const, r.Read());
        Assert.Equal(0x7FA0_0001u, r.F32Bits);
        Assert.Equal(Opcode.F64Const, r.Read());
        Assert.Equal(0x7FF0_0000_0000_0001UL, r.F64Bits);
        Assert.Equal(Opcode.RefNull, r.Read());
        Assert.Equal(ValueKind.ExternRef, r.RefType);
        Assert.Equal(Opcode.RefFunc, r.Read());
        Assert.Equal(4u, r.FunctionIndex);

        Assert.Equal(Opcode.MemoryInit, r.Read());
        Assert.Equal(3u, r.DataIndex);
        Assert.Equal(Opcode.TableCopy, r.Read());
        Assert.Equal((1u, 2u), (r.TableIndex, r.SourceTableIndex));
        Assert.Equal(Opcode.TableInit, r.Read());
        Assert.Equal((4u, 5u), (r.ElementIndex, r.TableIndex));
        Assert.Equal(Opcode.TableSize, r.Read());
        Assert.Equal(6u, r.TableIndex);
        Assert.Equal(Opcode.I32TruncSatF32S, r.Read());
        Assert.Equal(Opcode.I32Add, r.Read());
        Assert.Equal(Opcode.End, r.Read());
        Assert.Equal(Base + Code.Length - 1, r.InstructionOffset);
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void Read_AWholeBody_AllocatesNothing()
    {
        Walk(Code);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Walk(Code);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("06", "illegal opcode 06")] // try (exception handling) is not Wasm 2.0
    [InlineData("12", "illegal opcode 12")] // return_call (tail calls) neither
    [InlineData("FC12", "illegal opcode fc 12")]
    [InlineData("3F01", "zero byte expected")] // memory.size
    [InlineData("408000", "zero byte expected")] // memory.grow: a padded zero is still not the byte 0
    [InlineData("FC0A0001", "zero byte expected")] // memory.copy's second reserved byte
    [InlineData("FC0B01", "zero byte expected")] // memory.fill
    [InlineData("FC080001", "zero byte expected")] // memory.init's reserved byte after the data index
    [InlineData("D07F", "malformed reference type 0x7f")] // ref.null i32
    [InlineData("02FF7F", "malformed block type")] // s33 -1 in two bytes
    [InlineData("0279", "malformed value type 0x79")]
    [InlineData("28", "unexpected end of section or function")]
    [InlineData("0E030001", "unexpected end of section or function")] // br_table cut short
    [InlineData("0EFFFFFFFF0F", "length out of bounds")]
    public void Read_Malformed_ThrowsDecodeErrorAtTheInstruction(string hex, string reason)
    {
        var error = Assert.Throws<WasmDecodeException>(() => Walk(Convert.FromHexString(hex)));
        Assert.Equal(reason, error.Reason);
        Assert.Equal("code", error.Section);
        Assert.Equal(7, error.FunctionIndex);
        Assert.InRange(error.Offset, Base, Base + hex.Length / 2);
    }

    [Theory]
    [InlineData("FD0C")] // v128.const
    [InlineData("FD8001")] // a sub-opcode beyond one byte
    [InlineData("027B")] // a block of type v128
    [InlineData("1C017B")] // select (result v128)
    public void Read_Simd_IsRejectedClearly(string hex)
    {
        var error = Assert.Throws<WasmDecodeException>(() => Walk(Convert.FromHexString(hex)));
        Assert.StartsWith(WasmReader.SimdNotSupported, error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.Offset, Base, Base + hex.Length / 2 - 1);
    }

    private static void Walk(ReadOnlySpan<byte> code)
    {
        var reader = new InstructionReader(code, Base, functionIndex: 7);
        while (!reader.AtEnd)
        {
            if (reader.Read() == Opcode.BrTable)
            {
                var targets = reader.BrTableTargets;
                while (targets.TryReadNext(out _))
                {
                }
            }
        }
    }

    private static uint[] Targets(BrTableTargets targets)
    {
        var labels = new List<uint>();
        while (targets.TryReadNext(out var label)) labels.Add(label);
        Assert.Equal((uint)labels.Count, targets.Count);
        return [.. labels];
    }
}
