using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;
using static EdgeWasm.Runtime.Tests.Decoding.WasmBytes;

namespace EdgeWasm.Runtime.Tests.Decoding;

public sealed class ModuleDecoderTests
{
    private static readonly byte[] I32 = [0x7F];
    private static readonly byte[] I32Const0 = [0x41, 0x00, 0x0B];

    [Fact]
    public void Decode_CompiledCFixture_ReadsItsImportsExportsAndBodies()
    {
        var module = ModuleDecoder.Decode(File.ReadAllBytes(Fixtures.Wasm("hello")));

        Assert.Contains(module.Imports, i => i.Module == "wasi_snapshot_preview1" && i.Kind == ExternalKind.Function);
        Assert.Contains(module.Exports, e => e.Name == "_start" && e.Kind == ExternalKind.Function);
        Assert.Single(module.Memories);
        Assert.Equal(module.FunctionTypeIndices.Count, module.Bodies.Count);
        Assert.All(module.Bodies, b => Assert.Equal(0x0B, module.Bytes.Span[b.CodeOffset + b.CodeLength - 1]));
    }

    [Theory]
    [InlineData("0061736D02000000", "unknown binary version 2", 4)]
    [InlineData("0061736E01000000", "magic header not detected", 0)]
    [InlineData("0061736D010000", "unexpected end", 4)]
    [InlineData("0061736D010000000D00", "malformed section id 13", 8)]
    [InlineData("0061736D01000000010501", "length out of bounds", 9)] // a section larger than the module
    public void Decode_BadHeaderOrSectionHeader_NamesTheOffset(string hex, string reason, long offset)
    {
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(Convert.FromHexString(hex)));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Decode_SectionOutOfOrder_IsUnexpectedContentNamingTheSection()
    {
        var memory = Section(SectionId.Memory, Vector([0x00, 0x01]));
        var types = Section(SectionId.Type, Vector());
        var bytes = Module(memory, types);

        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));

        Assert.StartsWith("unexpected content after last section", error.Reason, StringComparison.Ordinal);
        Assert.Equal("type", error.Section);
        Assert.Equal(Header.Length + memory.Length, error.Offset);
    }

    [Fact]
    public void Decode_DataCountBeforeCode_IsInOrderButRepeatedIsNot()
    {
        var dataCount = Section(SectionId.DataCount, [0x00]);
        Assert.Equal(0u, ModuleDecoder.Decode(Module(dataCount, Section(SectionId.Code, Vector()))).DataCount);
        Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(Module(Section(SectionId.Code, Vector()), dataCount)));
        Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(Module(dataCount, dataCount)));
    }

    [Fact]
    public void Decode_CustomSectionsAnywhere_AreKeptWithTheirPayload()
    {
        var bytes = Module(
            Section(SectionId.Custom, Name("first"), [1, 2, 3]),
            Section(SectionId.Type, Vector()),
            Section(SectionId.Custom, Name("second")));

        var module = ModuleDecoder.Decode(bytes);

        Assert.Equal(["first", "second"], module.CustomSections.Select(c => c.Name));
        Assert.Equal([1, 2, 3], module.CustomSections[0].Data.ToArray());
        Assert.True(module.CustomSections[1].Data.IsEmpty);
    }

    [Fact]
    public void Decode_ElementSegments_AllEightEncodingsDecodeToOneShape()
    {
        byte[] funcIndices = [0x01, 0x00]; // vec(funcidx) = [0]
        byte[] expressions = [0x02, 0xD2, 0x00, 0x0B, 0xD0, 0x70, 0x0B]; // [ref.func 0, ref.null func]
        var segments = Vector(
            Concat([0x00], I32Const0, funcIndices),
            Concat([0x01, 0x00], funcIndices),
            Concat([0x02, 0x01], I32Const0, [0x00], funcIndices),
            Concat([0x03, 0x00], funcIndices),
            Concat([0x04], I32Const0, expressions),
            Concat([0x05, 0x70], expressions),
            Concat([0x06, 0x01], I32Const0, [0x70], expressions),
            Concat([0x07, 0x70], expressions));
        var bytes = Module(Section(SectionId.Element, segments));

        var elements = ModuleDecoder.Decode(bytes).Elements;

        SegmentMode[] modes = [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative];
        for (var flags = 0; flags < 8; flags++)
        {
            var segment = elements[flags];
            Assert.Equal(modes[flags & 3], segment.Mode);
            Assert.Equal(ValueKind.FuncRef, segment.ElementType);
            Assert.Equal((flags & 3) == 2 ? 1u : 0u, segment.TableIndex);
            Assert.Equal(segment.Mode == SegmentMode.Active, segment.Offset is { Kind: ConstantKind.I32Const, Bits: 0 });
            Assert.Equal(ConstantKind.RefFunc, segment.Items[0].Kind);
            Assert.Equal(0u, segment.Items[0].Index);
            Assert.Equal(flags >= 4 ? 2 : 1, segment.Items.Count);
        }

        Assert.Equal(ConstantKind.RefNull, elements[4].Items[1].Kind);
    }

    [Theory]
    [InlineData("08", "malformed elements segment kind 8")]
    [InlineData("0101", "malformed element kind 0x01")]
    [InlineData("057F", "malformed reference type 0x7f")]
    public void Decode_BadElementSegmentHeader_IsMalformed(string segment, string reason)
    {
        var bytes = Module(Section(SectionId.Element, Vector(Convert.FromHexString(segment))));
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.Equal(reason, error.Reason);
        Assert.Equal("element", error.Section);
    }

    [Fact]
    public void Decode_DataSegments_ThreeEncodingsSliceTheModuleBytes()
    {
        var bytes = Module(
            Section(SectionId.Memory, Vector([0x00, 0x01])),
            Section(SectionId.DataCount, [0x03]),
            Section(SectionId.Data, Vector(
                Concat([0x00], I32Const0, Name("ab")),
                Concat([0x01], Name("c")),
                Concat([0x02, 0x00], I32Const0, Name("")))));

        var data = ModuleDecoder.Decode(bytes).Data;

        Assert.Equal([SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active], data.Select(d => d.Mode));
        Assert.Equal("ab"u8.ToArray(), data[0].Data.ToArray());
        Assert.Equal("c"u8.ToArray(), data[1].Data.ToArray());
        Assert.Null(data[1].Offset);
        Assert.True(data[2].Data.IsEmpty);
    }

    [Fact]
    public void Decode_DataCountDisagreeingWithTheDataSection_IsMalformed()
    {
        var bytes = Module(Section(SectionId.DataCount, [0x02]), Section(SectionId.Data, Vector(Concat([0x01], Name("x")))));
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.StartsWith("data count and data section have inconsistent lengths", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Locals_KeepsTheDeclaredGroupsAndExpandsThemOnDemand()
    {
        byte[] locals = [0x03, 0x02, 0x7F, 0x00, 0x7E, 0x01, 0x7C]; // 2 i32, 0 i64, 1 f64
        var module = ModuleDecoder.Decode(SingleFunction([], [], Body(locals, 0x0B)));
        var body = module.Bodies[0];

        Assert.Equal(3, body.LocalCount);
        Assert.Equal([new LocalGroup(0, 2, ValueKind.I32), new LocalGroup(2, 1, ValueKind.F64)], body.LocalGroups);
        Assert.Equal([ValueKind.I32, ValueKind.I32, ValueKind.F64], body.Locals);
        Assert.Equal(ValueKind.F64, body.GetLocalType(2));
        Assert.Equal(1, body.CodeLength);
    }

    [Fact]
    public void Decode_TooManyLocals_IsMalformedAndNamesTheFunction()
    {
        byte[] limit = [0x01, .. U32(ModuleDecoder.MaxFunctionLocals), 0x7F];
        byte[] overLimit = [0x02, .. U32(ModuleDecoder.MaxFunctionLocals), 0x7F, 0x01, 0x7E];
        var import = Section(SectionId.Import, Vector(Concat(Name("m"), Name("f"), [0x00, 0x00])));

        Assert.Equal(ModuleDecoder.MaxFunctionLocals, ModuleDecoder.Decode(SingleFunction([], [], Body(limit, 0x0B), import)).Bodies[0].LocalCount);
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(SingleFunction([], [], Body(overLimit, 0x0B), import)));
        Assert.StartsWith("too many locals", error.Reason, StringComparison.Ordinal);
        Assert.Equal("code", error.Section);
        Assert.Equal(1, error.FunctionIndex); // the import is function 0
    }

    [Fact]
    public void Decode_ManyBodiesDeclaringManyLocals_DoesNotExpandThem()
    {
        // Each 8-byte body declares 50,000 locals; expanding them all would take 100 MB.
        const int functions = 2000;
        var body = Body([0x01, .. U32(ModuleDecoder.MaxFunctionLocals), 0x7F], 0x0B);
        var bytes = Module(
            Section(SectionId.Type, Vector(FuncType([], []))),
            Section(SectionId.Function, Vector([.. Enumerable.Repeat(new byte[] { 0x00 }, functions)])),
            Section(SectionId.Code, Vector([.. Enumerable.Repeat(body, functions)])));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var module = ModuleDecoder.Decode(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(functions, module.Bodies.Count);
        Assert.True(allocated < 100 * bytes.Length, $"{allocated} bytes allocated for {bytes.Length} input bytes");
    }

    [Fact]
    public void Decode_FunctionAndCodeCountsDiffer_IsMalformed()
    {
        var bytes = Module(Section(SectionId.Type, Vector(FuncType([], []))), Section(SectionId.Function, Vector([0x00], [0x00])), Section(SectionId.Code, Vector(Body(NoLocals, 0x0B))));
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.StartsWith("function and code section have inconsistent lengths", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NameSection_GivesModuleAndFunctionNames()
    {
        var names = Section(SectionId.Custom, Name("name"),
            Subsection(0, Name("mod")),
            Subsection(1, Vector(Concat([0x00], Name("main")), Concat([0x02], Name("helper")))),
            Subsection(2, [0x00])); // local names: skipped

        var module = ModuleDecoder.Decode(Module(names));

        Assert.Equal("mod", module.Names.ModuleName);
        Assert.Equal("main", module.Names.FunctionNames[0]);
        Assert.Equal("helper", module.Names.FunctionNames[2]);
    }

    [Theory]
    [InlineData("0105020003")] // function names out of order
    [InlineData("0103FF0161")] // a bad LEB128 count
    [InlineData("000102")] // module name runs past its subsection
    [InlineData("0100010100")] // subsections out of order
    public void Decode_MalformedNameSection_IsIgnored(string payload)
    {
        var module = ModuleDecoder.Decode(Module(Section(SectionId.Custom, Name("name"), Convert.FromHexString(payload))));
        Assert.Same(NameSection.Empty, module.Names);
        Assert.Single(module.CustomSections);
    }

    [Fact]
    public void Decode_HugeCountInAVector_FailsWithoutAllocatingForIt()
    {
        var bytes = Module(Section(SectionId.Type, U32(uint.MaxValue), [0x60, 0x00, 0x00]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.Equal("length out of bounds", error.Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256 * 1024);
    }

    [Fact]
    public void Decode_NonConstantInitializer_DecodesForTheValidatorToReject()
    {
        byte[] init = [0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]; // i32.const 1, i32.const 2, i32.add
        var module = ModuleDecoder.Decode(Module(Section(SectionId.Global, Vector(Concat(I32, [0x00], init)))));
        var expression = module.Globals[0].Init;
        Assert.Equal(ConstantKind.NotConstant, expression.Kind);
        Assert.Equal((ulong)Opcode.I32Add, expression.Bits);
    }

    [Fact]
    public void Decode_ImportAndExportEntries_RecordTheirOffsets()
    {
        var import = Section(SectionId.Import, Vector(Concat(Name("m"), Name("g"), [0x03, 0x7F, 0x00])));
        var export = Section(SectionId.Export, Vector(Concat(Name("g"), [0x03, 0x00])));

        var module = ModuleDecoder.Decode(Module(import, export));

        Assert.Equal(Header.Length + 3, module.Imports[0].Offset);
        Assert.Equal(Header.Length + import.Length + 3, module.Exports[0].Offset);
        Assert.Equal(module.Imports[0].Global, module.GetGlobalType(0));
    }
}
