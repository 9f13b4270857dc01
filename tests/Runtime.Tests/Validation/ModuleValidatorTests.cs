using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Validation;
using EdgeWasm.TestSupport;
using static EdgeWasm.Runtime.Tests.Decoding.WasmBytes;

namespace EdgeWasm.Runtime.Tests.Validation;

public sealed class ModuleValidatorTests
{
    private static readonly byte[] ImportFunction = Section(SectionId.Import, Vector(Concat(Name("env"), Name("f"), [0x00, 0x00])));

    [Theory]
    [InlineData("hello")]
    [InlineData("add")]
    public void Validate_Fixtures_AreValid(string fixture) =>
        ModuleValidator.Validate(ModuleDecoder.Decode(File.ReadAllBytes(Fixtures.Wasm(fixture))));

    [Fact]
    public void Validate_TypeMismatch_NamesTheInstructionOffsetAndTheFunctionCountingImports()
    {
        // i32.const 0, i64.const 0, i32.add, drop, end
        var bytes = SingleFunction([], [], Body(NoLocals, 0x41, 0x00, 0x42, 0x00, 0x6A, 0x1A, 0x0B), ImportFunction);
        var module = ModuleDecoder.Decode(bytes);
        var addOffset = module.Bodies[0].CodeOffset + 4;

        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(module));

        Assert.Equal("type mismatch: expected i32, found i64", error.Reason);
        Assert.Equal(addOffset, error.Offset);
        Assert.Equal("code", error.Section);
        Assert.Equal(1, error.FunctionIndex);
        Assert.Equal($"type mismatch: expected i32, found i64 (at offset 0x{addOffset:x} in section code, function 1)", error.Message);
    }

    [Fact]
    public void Validate_DuplicateExport_NamesTheExportSectionAndTheSecondExport()
    {
        var exports = Section(SectionId.Export, Vector(Concat(Name("f"), [0x00, 0x00]), Concat(Name("f"), [0x00, 0x00])));
        var module = ModuleDecoder.Decode(SingleFunction([], [], Body(NoLocals, 0x0B), exports));

        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(module));

        Assert.StartsWith("duplicate export name", error.Reason, StringComparison.Ordinal);
        Assert.Equal("export", error.Section);
        Assert.Equal(module.Exports[1].Offset, error.Offset);
        Assert.Null(error.FunctionIndex);
    }

    [Fact]
    public void Validate_DeepNesting_IsFineWithoutRecursion()
    {
        // 100,000 nested blocks, each yielding the i32 of the one inside.
        const int depth = 100_000;
        var code = new List<byte>();
        for (var i = 0; i < depth; i++) code.AddRange([0x02, 0x7F]);
        code.AddRange([0x41, 0x07]);
        for (var i = 0; i < depth; i++) code.Add(0x0B);
        code.AddRange([0x1A, 0x0B]);

        ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([], [], Body(NoLocals, [.. code]))));
    }

    [Fact]
    public void Validate_BrTableWithManyTargets_ChecksEveryLabel()
    {
        // block (result i32) ... br_table with 100,000 targets at depth 0 and one at depth 1, which the function
        // (result i64) cannot take: the mismatch must be found however far down the list it is.
        const int targets = 100_000;
        List<byte> Code(byte lastTarget)
        {
            var code = new List<byte> { 0x02, 0x7F, 0x41, 0x01, 0x41, 0x00, 0x0E };
            code.AddRange(U32(targets));
            for (var i = 0; i < targets - 1; i++) code.Add(0x00);
            code.AddRange([lastTarget, 0x00, 0x0B, 0x1A, 0x42, 0x00, 0x0B]);
            return code;
        }

        ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([], [0x7E], Body(NoLocals, [.. Code(0x00)]))));
        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([], [0x7E], Body(NoLocals, [.. Code(0x01)])))));
        Assert.StartsWith("type mismatch", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreachableCode_HasAPolymorphicStack()
    {
        // unreachable, i32.add, drop; br 0 then i64.eqz on nothing; select on nothing
        var valid = SingleFunction([], [0x7F], Body(NoLocals, 0x00, 0x6A, 0x1A, 0x00, 0x1B, 0x0B));
        ModuleValidator.Validate(ModuleDecoder.Decode(valid));
        // But what is pushed after unreachable is typed: unreachable, i64.const 0, then the i32 result.
        var invalid = SingleFunction([], [0x7F], Body(NoLocals, 0x00, 0x42, 0x00, 0x0B));
        Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(invalid)));
    }

    [Fact]
    public void Validate_MalformedBodyAfterAnInvalidOne_ReportsTheMalformedOne()
    {
        var bytes = Module(
            Section(SectionId.Type, Vector(FuncType([], []))),
            Section(SectionId.Function, Vector([0x00], [0x00])),
            Section(SectionId.Code, Vector(
                Body(NoLocals, 0x6A, 0x0B), // i32.add on an empty stack: invalid
                Body(NoLocals, 0x06, 0x0B)))); // 0x06 is no opcode: malformed

        var error = Assert.Throws<WasmDecodeException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(bytes)));

        Assert.Equal("illegal opcode 06", error.Reason);
        Assert.Equal(1, error.FunctionIndex);
    }

    [Theory]
    [InlineData(new byte[] { 0x0B }, "unexpected end of section or function")] // missing the final end
    [InlineData(new byte[] { 0x0B, 0x0B, 0x01 }, "section size mismatch")] // code after it
    [InlineData(new byte[] { 0x05, 0x0B }, "END opcode expected")] // else outside if
    public void Validate_BadBlockStructure_IsMalformed(byte[] code, string reason)
    {
        // Every body starts with a block so that a lone end closes only it.
        var bytes = SingleFunction([], [], Body(NoLocals, [0x02, 0x40, .. code]));
        var error = Assert.Throws<WasmDecodeException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(bytes)));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefFunc_NeedsTheFunctionDeclaredOutsideCode()
    {
        byte[] refFunc = [0xD2, 0x00, 0x1A, 0x0B];
        var undeclared = SingleFunction([], [], Body(NoLocals, refFunc));
        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(undeclared)));
        Assert.StartsWith("undeclared function reference", error.Reason, StringComparison.Ordinal);

        var exported = SingleFunction([], [], Body(NoLocals, refFunc), Section(SectionId.Export, Vector(Concat(Name("f"), [0x00, 0x00]))));
        ModuleValidator.Validate(ModuleDecoder.Decode(exported));
        var declarative = SingleFunction([], [], Body(NoLocals, refFunc), Section(SectionId.Element, Vector([0x03, 0x00, 0x01, 0x00])));
        ModuleValidator.Validate(ModuleDecoder.Decode(declarative));
    }

    [Theory]
    [InlineData(new byte[] { 0x23, 0x00, 0x0B }, false, "unknown global 0")] // a defined global
    [InlineData(new byte[] { 0x23, 0x00, 0x0B }, true, "constant expression required")] // a mutable import
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x6A, 0x0B }, false, "constant expression required")]
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x0B }, false, "type mismatch")] // two values
    [InlineData(new byte[] { 0x0B }, false, "type mismatch")] // no value
    [InlineData(new byte[] { 0x42, 0x00, 0x0B }, false, "type mismatch")] // i64 for an i32 global
    public void Validate_GlobalInitializer_MustBeOneConstantOfTheGlobalsType(byte[] init, bool importMutableGlobal, string reason)
    {
        var imports = importMutableGlobal ? Section(SectionId.Import, Vector(Concat(Name("m"), Name("g"), [0x03, 0x7F, 0x01]))) : [];
        var bytes = Module(imports, Section(SectionId.Global, Vector(Concat([0x7F, 0x00], init))));

        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(bytes)));

        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("global", error.Section);
    }

    [Fact]
    public void Validate_GlobalInitializer_MayReadAnImmutableImportedGlobal()
    {
        var imports = Section(SectionId.Import, Vector(Concat(Name("m"), Name("g"), [0x03, 0x7F, 0x00])));
        ModuleValidator.Validate(ModuleDecoder.Decode(Module(imports, Section(SectionId.Global, Vector([0x7F, 0x01, 0x23, 0x00, 0x0B])))));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x81, 0x80, 0x04 }, "memory size must be at most 65536 pages (4GiB)")]
    [InlineData(new byte[] { 0x01, 0x02, 0x01 }, "size minimum must not be greater than maximum")]
    public void Validate_MemoryLimits_AreChecked(byte[] limits, string reason)
    {
        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(Module(Section(SectionId.Memory, Vector(limits))))));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("memory", error.Section);
    }

    [Fact]
    public void Validate_MemoryInitWithoutDataCountSection_IsMalformed()
    {
        // memory.init 0 with the three operands, in a module with a memory and a passive data segment.
        var body = Body(NoLocals, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B);
        var memory = Section(SectionId.Memory, Vector([0x00, 0x01]));
        var data = Section(SectionId.Data, Vector(Concat([0x01], Name("x"))));

        var error = Assert.Throws<WasmDecodeException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([], [], body, memory, data))));
        Assert.Equal("data count section required", error.Reason);

        ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([], [], body, memory, data, Section(SectionId.DataCount, [0x01]))));
    }

    [Fact]
    public void Validate_Locals_AreTypedFromParametersThenDeclarations()
    {
        // (param i64) (local i32 f64): local.get 2 is the f64, local.get 3 is out of range.
        byte[] locals = [0x02, 0x01, 0x7F, 0x01, 0x7C];
        ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([0x7E], [0x7C], Body(locals, 0x20, 0x02, 0x0B))));
        var error = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(SingleFunction([0x7E], [0x7C], Body(locals, 0x20, 0x03, 0x0B)))));
        Assert.Equal("unknown local 3", error.Reason);
    }
}
