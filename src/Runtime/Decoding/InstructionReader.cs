using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Decodes instructions one at a time from a function body or a constant expression, without allocating.
/// The validator and the IL compiler both walk code with it.
/// </summary>
/// <remarks>
/// <para>Call <see cref="Read"/> until <see cref="AtEnd"/>. After each call, <see cref="Opcode"/> and
/// <see cref="InstructionOffset"/> describe the instruction and the immediates of that opcode are set:</para>
/// <list type="bullet">
/// <item>block, loop, if: <see cref="BlockType"/></item>
/// <item>br, br_if: <see cref="LabelIndex"/>; br_table: <see cref="BrTableTargets"/> and <see cref="BrTableDefault"/></item>
/// <item>call, ref.func: <see cref="FunctionIndex"/>; call_indirect: <see cref="TypeIndex"/> and <see cref="TableIndex"/></item>
/// <item>select with types (0x1C): <see cref="SelectTypeCount"/> and the first type in <see cref="SelectType"/></item>
/// <item>local.get/set/tee: <see cref="LocalIndex"/>; global.get/set: <see cref="GlobalIndex"/></item>
/// <item>table.get/set/size/grow/fill: <see cref="TableIndex"/>; table.copy: <see cref="TableIndex"/> (destination)
/// and <see cref="SourceTableIndex"/>; table.init: <see cref="ElementIndex"/> and <see cref="TableIndex"/>;
/// elem.drop: <see cref="ElementIndex"/></item>
/// <item>loads and stores: <see cref="Align"/> (log2 of the alignment) and <see cref="MemoryOffset"/></item>
/// <item>memory.init, data.drop: <see cref="DataIndex"/>; memory.size/grow/copy/fill only have reserved zero bytes,
/// which are checked here (memory index 0 is implied)</item>
/// <item>i32.const: <see cref="I32Value"/>; i64.const: <see cref="I64Value"/>; f32.const: <see cref="F32Bits"/>;
/// f64.const: <see cref="F64Bits"/> (floats stay raw bit patterns so NaN payloads survive)</item>
/// <item>ref.null: <see cref="RefType"/></item>
/// </list>
/// <para>Properties of other opcodes keep stale values. Malformed encodings (illegal opcode, bad LEB128,
/// non-zero reserved byte, truncated immediates) throw <see cref="WasmDecodeException"/>; so does the 0xFD
/// (SIMD) prefix, whose sub-opcode is decoded first so that SIMD can be added here later. The reader does
/// not track nesting: matching block/end pairs and the final <c>end</c> is the caller's job.</para>
/// </remarks>
internal ref struct InstructionReader
{
    private static readonly Immediates[] ImmediatesByOpcode = BuildImmediatesTable();

    private readonly ReadOnlySpan<byte> _code;
    private WasmReader _reader;
    private ulong _bits;
    private uint _index;
    private uint _table;
    private uint _sourceTable;
    private uint _align;
    private uint _count;
    private int _brTableStart;
    private ValueKind _valueType;
    private BlockType _blockType;

    /// <summary>Reads <paramref name="code"/>, whose first byte is at <paramref name="baseOffset"/> in the module.
    /// <paramref name="section"/> and <paramref name="functionIndex"/> (imports included) are named in errors.</summary>
    public InstructionReader(ReadOnlySpan<byte> code, long baseOffset, int? functionIndex = null, string section = "code")
    {
        _code = code;
        _reader = new WasmReader(code, baseOffset) { Section = section, FunctionIndex = functionIndex };
    }

    /// <summary>A reader over the instructions of defined function <paramref name="definedIndex"/> (imports not counted).</summary>
    public static InstructionReader ForFunction(ModuleInfo module, int definedIndex)
    {
        ArgumentNullException.ThrowIfNull(module);
        var body = module.Bodies[definedIndex];
        return new InstructionReader(
            module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength),
            body.CodeOffset,
            module.ImportedFunctionCount + definedIndex);
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _reader.AtEnd;

    /// <summary>Position of the next instruction within the code span.</summary>
    public readonly int Position => _reader.Position;

    /// <summary>Absolute module offset of the next instruction.</summary>
    public readonly long Offset => _reader.Offset;

    /// <summary>The instruction last read.</summary>
    public Opcode Opcode { get; private set; }

    /// <summary>Absolute module offset of the instruction last read (its first opcode byte).</summary>
    public long InstructionOffset { get; private set; }

    /// <summary>block, loop, if: the block type.</summary>
    public readonly BlockType BlockType => _blockType;

    /// <summary>br, br_if: the relative label depth.</summary>
    public readonly uint LabelIndex => _index;

    /// <summary>br_table: the label taken when the operand is out of range.</summary>
    public readonly uint BrTableDefault => _index;

    /// <summary>br_table: a fresh reader of the label list (without the default). Each access starts from the first label.</summary>
    public readonly BrTableTargets BrTableTargets => new(_code[_brTableStart..], _count);

    /// <summary>call, ref.func: the function index.</summary>
    public readonly uint FunctionIndex => _index;

    /// <summary>call_indirect: the expected function type index.</summary>
    public readonly uint TypeIndex => _index;

    /// <summary>The table of call_indirect and the table.* instructions (the destination for table.copy).</summary>
    public readonly uint TableIndex => _table;

    /// <summary>table.copy: the source table.</summary>
    public readonly uint SourceTableIndex => _sourceTable;

    /// <summary>local.get, local.set, local.tee: the local index (parameters first).</summary>
    public readonly uint LocalIndex => _index;

    /// <summary>global.get, global.set: the global index (imports first).</summary>
    public readonly uint GlobalIndex => _index;

    /// <summary>table.init, elem.drop: the element segment index.</summary>
    public readonly uint ElementIndex => _index;

    /// <summary>memory.init, data.drop: the data segment index.</summary>
    public readonly uint DataIndex => _index;

    /// <summary>Loads and stores: the alignment hint as a power of two, as encoded (not yet checked against the access size).</summary>
    public readonly uint Align => _align;

    /// <summary>Loads and stores: the constant offset added to the address operand.</summary>
    public readonly uint MemoryOffset => (uint)_bits;

    /// <summary>i32.const: the value.</summary>
    public readonly int I32Value => (int)_bits;

    /// <summary>i64.const: the value.</summary>
    public readonly long I64Value => (long)_bits;

    /// <summary>f32.const: the raw IEEE bits.</summary>
    public readonly uint F32Bits => (uint)_bits;

    /// <summary>f64.const: the raw IEEE bits.</summary>
    public readonly ulong F64Bits => _bits;

    /// <summary>ref.null: funcref or externref.</summary>
    public readonly ValueKind RefType => _valueType;

    /// <summary>select with types: how many types the vector has (validation requires exactly one).</summary>
    public readonly uint SelectTypeCount => _count;

    /// <summary>select with types: the first type of the vector, when it has one.</summary>
    public readonly ValueKind SelectType => _valueType;

    /// <summary>A decode error located at the instruction last read.</summary>
    public readonly WasmDecodeException Error(string reason) => _reader.ErrorAt(reason, InstructionOffset);

    /// <summary>Decodes the next instruction and returns its opcode.</summary>
    public Opcode Read()
    {
        InstructionOffset = _reader.Offset;
        var b = _reader.ReadByte();
        var op = (Opcode)b;
        switch (ImmediatesByOpcode[b])
        {
            case Immediates.None:
                break;
            case Immediates.Block:
                _blockType = ReadBlockType();
                break;
            case Immediates.Index:
                _index = _reader.ReadVarU32();
                break;
            case Immediates.Table:
                _table = _reader.ReadVarU32();
                break;
            case Immediates.BrTable:
                ReadBrTable();
                break;
            case Immediates.CallIndirect:
                _index = _reader.ReadVarU32();
                _table = _reader.ReadVarU32();
                break;
            case Immediates.SelectTyped:
                ReadSelectTypes();
                break;
            case Immediates.MemArg:
                _align = _reader.ReadVarU32();
                _bits = _reader.ReadVarU32();
                break;
            case Immediates.ZeroByte:
                ReadZeroByte();
                break;
            case Immediates.I32:
                _bits = (ulong)_reader.ReadVarS32();
                break;
            case Immediates.I64:
                _bits = (ulong)_reader.ReadVarS64();
                break;
            case Immediates.F32:
                _bits = _reader.ReadF32Bits();
                break;
            case Immediates.F64:
                _bits = _reader.ReadF64Bits();
                break;
            case Immediates.RefType:
                _valueType = _reader.ReadReferenceType();
                break;
            case Immediates.PrefixFC:
                op = ReadPrefixFC();
                break;
            case Immediates.PrefixSimd:
                var sub = _reader.ReadVarU32();
                throw _reader.ErrorAt($"{WasmReader.SimdNotSupported} (opcode 0xfd {sub})", InstructionOffset);
            default:
                throw _reader.ErrorAt($"illegal opcode {b:x2}", InstructionOffset);
        }

        Opcode = op;
        return op;
    }

    private BlockType ReadBlockType()
    {
        var start = _reader.Offset;
        var b = _reader.PeekByte();
        if (b == 0x40)
        {
            _reader.Position++;
            return BlockType.Empty;
        }

        // A single byte with bit 6 set is a negative s33: a value type.
        if ((b & 0xC0) == 0x40) return BlockType.Of(_reader.ReadValueType());
        var index = _reader.ReadVarS33();
        if (index < 0) throw _reader.ErrorAt("malformed block type", start);
        return BlockType.OfType((uint)index);
    }

    private void ReadBrTable()
    {
        _count = _reader.ReadCount();
        _brTableStart = _reader.Position;
        // Decode (and so check) every label now; BrTableTargets re-reads them without checks.
        for (var i = 0u; i < _count; i++) _reader.ReadVarU32();
        _index = _reader.ReadVarU32();
    }

    private void ReadSelectTypes()
    {
        _count = _reader.ReadCount();
        for (var i = 0u; i < _count; i++)
        {
            var type = _reader.ReadValueType();
            if (i == 0) _valueType = type;
        }
    }

    private void ReadZeroByte()
    {
        var start = _reader.Offset;
        if (_reader.ReadByte() != 0) throw _reader.ErrorAt("zero byte expected", start);
    }

    private Opcode ReadPrefixFC()
    {
        var sub = _reader.ReadVarU32();
        if (sub > 0x11) throw _reader.ErrorAt($"illegal opcode fc {sub:x2}", InstructionOffset);
        var op = (Opcode)(0xFC00 | sub);
        switch (op)
        {
            case Opcode.MemoryInit:
                _index = _reader.ReadVarU32();
                ReadZeroByte();
                break;
            case Opcode.DataDrop or Opcode.ElemDrop:
                _index = _reader.ReadVarU32();
                break;
            case Opcode.MemoryCopy:
                ReadZeroByte();
                ReadZeroByte();
                break;
            case Opcode.MemoryFill:
                ReadZeroByte();
                break;
            case Opcode.TableInit:
                _index = _reader.ReadVarU32();
                _table = _reader.ReadVarU32();
                break;
            case Opcode.TableCopy:
                _table = _reader.ReadVarU32();
                _sourceTable = _reader.ReadVarU32();
                break;
            case Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill:
                _table = _reader.ReadVarU32();
                break;
            default:
                // The saturating truncations have no immediates.
                break;
        }

        return op;
    }

    private static Immediates[] BuildImmediatesTable()
    {
        var table = new Immediates[256];
        static void Set(Immediates[] t, Immediates kind, params ReadOnlySpan<Opcode> ops)
        {
            foreach (var op in ops) t[(int)op] = kind;
        }

        Set(table, Immediates.None, Opcode.Unreachable, Opcode.Nop, Opcode.Else, Opcode.End, Opcode.Return,
            Opcode.Drop, Opcode.Select, Opcode.RefIsNull);
        for (var op = (int)Opcode.I32Eqz; op <= (int)Opcode.I64Extend32S; op++) table[op] = Immediates.None;
        Set(table, Immediates.Block, Opcode.Block, Opcode.Loop, Opcode.If);
        Set(table, Immediates.Index, Opcode.Br, Opcode.BrIf, Opcode.Call, Opcode.LocalGet, Opcode.LocalSet,
            Opcode.LocalTee, Opcode.GlobalGet, Opcode.GlobalSet, Opcode.RefFunc);
        Set(table, Immediates.Table, Opcode.TableGet, Opcode.TableSet);
        Set(table, Immediates.BrTable, Opcode.BrTable);
        Set(table, Immediates.CallIndirect, Opcode.CallIndirect);
        Set(table, Immediates.SelectTyped, Opcode.SelectTyped);
        for (var op = (int)Opcode.I32Load; op <= (int)Opcode.I64Store32; op++) table[op] = Immediates.MemArg;
        Set(table, Immediates.ZeroByte, Opcode.MemorySize, Opcode.MemoryGrow);
        Set(table, Immediates.I32, Opcode.I32Const);
        Set(table, Immediates.I64, Opcode.I64Const);
        Set(table, Immediates.F32, Opcode.F32Const);
        Set(table, Immediates.F64, Opcode.F64Const);
        Set(table, Immediates.RefType, Opcode.RefNull);
        Set(table, Immediates.PrefixFC, Opcode.PrefixFC);
        Set(table, Immediates.PrefixSimd, Opcode.PrefixSimd);
        return table;
    }

    /// <summary>The shape of an opcode's immediates; <see cref="Illegal"/> marks bytes that are no opcode.</summary>
    private enum Immediates : byte
    {
        Illegal,
        None,
        Block,
        Index,
        Table,
        BrTable,
        CallIndirect,
        SelectTyped,
        MemArg,
        ZeroByte,
        I32,
        I64,
        F32,
        F64,
        RefType,
        PrefixFC,
        PrefixSimd,
    }
}
