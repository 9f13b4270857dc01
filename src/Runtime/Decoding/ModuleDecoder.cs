using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Decodes a Wasm 2.0 binary into a <see cref="ModuleInfo"/>: header, every section, section order, sizes and
/// cross-section counts. Function bodies are only located here (plus their locals): their instructions are
/// decoded by the validator, in the same pass that type-checks them. Errors are <see cref="WasmDecodeException"/>s
/// worded as in the spec suite, naming the offset and section.
/// </summary>
internal sealed class ModuleDecoder
{
    /// <summary>The most locals a function may declare (parameters excluded). The spec allows up to 2^32-1; engines
    /// cap it (V8 and Wasmtime at 50,000), and so do we, because every local becomes an IL local.</summary>
    public const int MaxFunctionLocals = 50_000;

    private const uint Version = 1;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly List<FuncType> _types = [];
    private readonly List<Import> _imports = [];
    private readonly List<uint> _functionTypeIndices = [];
    private readonly List<TableType> _tables = [];
    private readonly List<MemoryType> _memories = [];
    private readonly List<GlobalDefinition> _globals = [];
    private readonly List<Export> _exports = [];
    private readonly List<ElementSegment> _elements = [];
    private readonly List<DataSegment> _data = [];
    private readonly List<FunctionBody> _bodies = [];
    private readonly List<CustomSection> _customSections = [];
    private readonly Dictionary<SectionId, long> _sectionOffsets = [];
    private NameSection _names = NameSection.Empty;
    private uint? _start;
    private uint? _dataCount;
    private bool _sawCode;
    private bool _sawData;
    private int _importedFunctions;
    private int _importedTables;
    private int _importedMemories;
    private int _importedGlobals;

    private ModuleDecoder(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    private ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>Decodes <paramref name="bytes"/>, which the returned module keeps referring to (do not change them afterwards).</summary>
    /// <exception cref="WasmDecodeException">The bytes are not a well-formed module.</exception>
    public static ModuleInfo Decode(ReadOnlyMemory<byte> bytes) => new ModuleDecoder(bytes).DecodeModule();

    private ModuleInfo DecodeModule()
    {
        var reader = new WasmReader(Span);
        ReadHeader(ref reader);
        var lastOrder = 0;
        while (!reader.AtEnd)
        {
            var idOffset = reader.Offset;
            var id = reader.ReadByte();
            if (id > (byte)SectionId.DataCount) throw reader.ErrorAt($"malformed section id {id}", idOffset);
            var section = (SectionId)id;
            var size = ReadRegionSize(ref reader);
            var start = reader.Position;
            reader.Section = SectionName(section);
            if (section == SectionId.Custom)
            {
                ReadCustomSection(new WasmReader(Span.Slice(start, size), start) { Section = reader.Section });
                reader.Position = start + size;
            }
            else
            {
                // Sections come at most once, in a fixed order (data count sits between element and code).
                var order = Order(section);
                if (order <= lastOrder) throw reader.ErrorAt($"unexpected content after last section ({reader.Section} section repeated or out of order)", idOffset);
                lastOrder = order;
                _sectionOffsets[section] = idOffset;
                // Like the reference decoder, read on past the declared end and compare afterwards: a section whose
                // contents overrun or fall short is a "section size mismatch".
                ReadSection(section, ref reader);
                if (reader.Position != start + size) throw reader.ErrorAt("section size mismatch", start);
            }

            reader.Section = null;
        }

        if (!_sawCode && _functionTypeIndices.Count != 0)
        {
            throw reader.Error("function and code section have inconsistent lengths (no code section)");
        }

        if (!_sawData && _dataCount is > 0)
        {
            throw reader.Error("data count and data section have inconsistent lengths (no data section)");
        }

        return new ModuleInfo
        {
            Bytes = _bytes,
            Types = _types,
            Imports = _imports,
            FunctionTypeIndices = _functionTypeIndices,
            Tables = _tables,
            Memories = _memories,
            Globals = _globals,
            Exports = _exports,
            StartFunction = _start,
            Elements = _elements,
            DataCount = _dataCount,
            Data = _data,
            Bodies = _bodies,
            CustomSections = _customSections,
            Names = _names,
            SectionOffsets = _sectionOffsets,
            ImportedFunctionCount = _importedFunctions,
            ImportedTableCount = _importedTables,
            ImportedMemoryCount = _importedMemories,
            ImportedGlobalCount = _importedGlobals,
        };
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        var magic = reader.ReadBytes(4);
        if (!magic.SequenceEqual("\0asm"u8)) throw reader.ErrorAt("magic header not detected", 0);
        var version = reader.ReadFixedU32();
        if (version != Version) throw reader.ErrorAt($"unknown binary version {version}", 4);
    }

    private void ReadSection(SectionId section, ref WasmReader reader)
    {
        switch (section)
        {
            case SectionId.Type: ReadTypeSection(ref reader); break;
            case SectionId.Import: ReadImportSection(ref reader); break;
            case SectionId.Function: ReadFunctionSection(ref reader); break;
            case SectionId.Table: ReadVector(ref reader, _tables, static (ref WasmReader r) => ReadTableType(ref r)); break;
            case SectionId.Memory: ReadVector(ref reader, _memories, static (ref WasmReader r) => new MemoryType(ReadLimits(ref r))); break;
            case SectionId.Global: ReadGlobalSection(ref reader); break;
            case SectionId.Export: ReadExportSection(ref reader); break;
            case SectionId.Start: _start = reader.ReadVarU32(); break;
            case SectionId.Element: ReadElementSection(ref reader); break;
            case SectionId.DataCount: _dataCount = reader.ReadVarU32(); break;
            case SectionId.Code: ReadCodeSection(ref reader); break;
            case SectionId.Data: ReadDataSection(ref reader); break;
            default: throw new InvalidOperationException($"section {section} has no reader");
        }
    }

    // The size of a section or body that is sliced out of the module: unlike other lengths, it must fit in what
    // follows the size field itself.
    private static int ReadRegionSize(ref WasmReader reader)
    {
        var size = reader.ReadLength();
        if (size > (uint)reader.Remaining) throw reader.UnexpectedEnd();
        return (int)size;
    }

    private delegate T ElementReader<out T>(ref WasmReader reader);

    private static void ReadVector<T>(ref WasmReader reader, List<T> into, ElementReader<T> read)
    {
        var count = reader.ReadCount();
        into.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++) into.Add(read(ref reader));
    }

    private void ReadTypeSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _types.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++)
        {
            var formOffset = reader.Offset;
            var form = reader.ReadByte();
            if (form != 0x60)
            {
                // The form is a one-byte signed LEB128 (-0x20); a continuation bit makes it too long.
                throw (form & 0x80) != 0
                    ? reader.Error("integer representation too long")
                    : reader.ErrorAt($"malformed function type 0x{form:x2}", formOffset);
            }

            var parameters = ReadValueTypes(ref reader);
            var results = ReadValueTypes(ref reader);
            _types.Add(new FuncType(parameters, results));
        }
    }

    private static ValueKind[] ReadValueTypes(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        if (count == 0) return [];
        var types = new ValueKind[count];
        for (var i = 0; i < types.Length; i++) types[i] = reader.ReadValueType();
        return types;
    }

    private void ReadImportSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _imports.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++)
        {
            var entryOffset = reader.Offset;
            var module = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            Import import = kind switch
            {
                (byte)ExternalKind.Function => new(module, name, ExternalKind.Function) { FunctionTypeIndex = reader.ReadVarU32(), Offset = entryOffset },
                (byte)ExternalKind.Table => new(module, name, ExternalKind.Table) { Table = ReadTableType(ref reader), Offset = entryOffset },
                (byte)ExternalKind.Memory => new(module, name, ExternalKind.Memory) { Memory = new MemoryType(ReadLimits(ref reader)), Offset = entryOffset },
                (byte)ExternalKind.Global => new(module, name, ExternalKind.Global) { Global = ReadGlobalType(ref reader), Offset = entryOffset },
                _ => throw reader.ErrorAt($"malformed import kind 0x{kind:x2}", kindOffset),
            };

            switch (import.Kind)
            {
                case ExternalKind.Function: _importedFunctions++; break;
                case ExternalKind.Table: _importedTables++; break;
                case ExternalKind.Memory: _importedMemories++; break;
                default: _importedGlobals++; break;
            }

            _imports.Add(import);
        }
    }

    private void ReadFunctionSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _functionTypeIndices.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++) _functionTypeIndices.Add(reader.ReadVarU32());
    }

    private static TableType ReadTableType(ref WasmReader reader)
    {
        var elementType = reader.ReadReferenceType();
        return new TableType(elementType, ReadLimits(ref reader));
    }

    private static Limits ReadLimits(ref WasmReader reader)
    {
        // The flag is a u1 LEB128: 0 = min only, 1 = min and max.
        var flagOffset = reader.Offset;
        var flag = reader.ReadByte();
        if ((flag & 0x7F) > 1) throw reader.ErrorAt($"integer too large (limits flag 0x{flag:x2})", flagOffset);
        if ((flag & 0x80) != 0) throw reader.Error("integer representation too long");
        var min = reader.ReadVarU32();
        uint? max = (flag & 1) != 0 ? reader.ReadVarU32() : null;
        return new Limits(min, max);
    }

    private static GlobalType ReadGlobalType(ref WasmReader reader)
    {
        var type = reader.ReadValueType();
        var mutabilityOffset = reader.Offset;
        var mutability = reader.ReadByte();
        if (mutability > 1) throw reader.ErrorAt($"malformed mutability 0x{mutability:x2}", mutabilityOffset);
        return new GlobalType(type, mutability == 1);
    }

    private void ReadGlobalSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _globals.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++)
        {
            var type = ReadGlobalType(ref reader);
            var init = ConstantExpressionDecoder.Read(ref reader, Span);
            _globals.Add(new GlobalDefinition(type, init));
        }
    }

    private void ReadExportSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _exports.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++)
        {
            var entryOffset = reader.Offset;
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            if (kind > (byte)ExternalKind.Global) throw reader.ErrorAt($"malformed export kind 0x{kind:x2}", kindOffset);
            _exports.Add(new Export(name, (ExternalKind)kind, reader.ReadVarU32()) { Offset = entryOffset });
        }
    }

    private void ReadElementSection(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        _elements.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++) _elements.Add(ReadElementSegment(ref reader));
    }

    private ElementSegment ReadElementSegment(ref WasmReader reader)
    {
        var segmentOffset = reader.Offset;
        // Flags: bit 0 = passive or declarative, bit 1 = explicit table (active) or declarative,
        // bit 2 = items are expressions rather than function indices.
        var flags = reader.ReadVarU32();
        if (flags > 7) throw reader.ErrorAt($"malformed elements segment kind {flags}", segmentOffset);
        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;
        var expressions = (flags & 4) != 0;
        uint table = 0;
        ConstantExpression? offset = null;
        if (mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0) table = reader.ReadVarU32();
            offset = ConstantExpressionDecoder.Read(ref reader, Span);
        }

        var elementType = ValueKind.FuncRef;
        if ((flags & 3) != 0)
        {
            if (expressions)
            {
                elementType = reader.ReadReferenceType();
            }
            else
            {
                var kindOffset = reader.Offset;
                var kind = reader.ReadByte();
                if (kind != 0) throw reader.ErrorAt($"malformed element kind 0x{kind:x2}", kindOffset);
            }
        }

        var count = reader.ReadCount();
        var items = new ConstantExpression[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (expressions)
            {
                items[i] = ConstantExpressionDecoder.Read(ref reader, Span);
            }
            else
            {
                var at = reader.Offset;
                items[i] = new ConstantExpression(ConstantKind.RefFunc, 0, reader.ReadVarU32(), ValueKind.FuncRef, at);
            }
        }

        return new ElementSegment(mode, elementType, table, offset, items, segmentOffset);
    }

    private void ReadCodeSection(ref WasmReader reader)
    {
        _sawCode = true;
        var countOffset = reader.Offset;
        var count = reader.ReadCount();
        if (count != _functionTypeIndices.Count)
        {
            throw reader.ErrorAt($"function and code section have inconsistent lengths ({_functionTypeIndices.Count} functions, {count} bodies)", countOffset);
        }

        _bodies.EnsureCapacity((int)count);
        for (var i = 0; i < count; i++)
        {
            var size = ReadRegionSize(ref reader);
            var start = reader.Position;
            var body = new WasmReader(Span.Slice(start, size), start) { Section = reader.Section, FunctionIndex = _importedFunctions + i };
            var locals = ReadLocals(ref body);
            _bodies.Add(new FunctionBody(locals, start + body.Position, size - body.Position));
            reader.Position = start + size;
        }
    }

    private static LocalGroup[] ReadLocals(ref WasmReader reader)
    {
        var declarationsOffset = reader.Offset;
        var count = reader.ReadCount();
        if (count == 0) return [];
        var groups = new List<LocalGroup>((int)Math.Min(count, 64));
        var total = 0L;
        for (var i = 0u; i < count; i++)
        {
            var n = reader.ReadVarU32();
            var type = reader.ReadValueType();
            total += n;
            if (total > MaxFunctionLocals)
            {
                throw reader.ErrorAt($"too many locals (more than {MaxFunctionLocals} declared)", declarationsOffset);
            }

            if (n != 0) groups.Add(new LocalGroup((int)(total - n), (int)n, type));
        }

        return [.. groups];
    }

    private void ReadDataSection(ref WasmReader reader)
    {
        _sawData = true;
        var countOffset = reader.Offset;
        var count = reader.ReadCount();
        if (_dataCount is { } declared && declared != count)
        {
            throw reader.ErrorAt($"data count and data section have inconsistent lengths ({declared} declared, {count} segments)", countOffset);
        }

        _data.EnsureCapacity((int)count);
        for (var i = 0u; i < count; i++)
        {
            var segmentOffset = reader.Offset;
            // Flags: 0 = active in memory 0, 1 = passive, 2 = active with an explicit memory index.
            var flags = reader.ReadVarU32();
            if (flags > 2) throw reader.ErrorAt($"malformed data segment kind {flags}", segmentOffset);
            uint memory = 0;
            ConstantExpression? offset = null;
            if (flags != 1)
            {
                if (flags == 2) memory = reader.ReadVarU32();
                offset = ConstantExpressionDecoder.Read(ref reader, Span);
            }

            var length = (int)reader.ReadLength();
            var start = reader.Position;
            reader.ReadBytes(length);
            _data.Add(new DataSegment(flags == 1 ? SegmentMode.Passive : SegmentMode.Active, memory, offset, _bytes.Slice(start, length), segmentOffset));
        }
    }

    private void ReadCustomSection(WasmReader reader)
    {
        var sectionOffset = reader.Offset;
        var name = reader.ReadName();
        var payloadOffset = reader.Offset;
        var payload = _bytes.Slice((int)payloadOffset, reader.Remaining);
        _customSections.Add(new CustomSection(name, payload, sectionOffset));
        if (name == "name" && _names == NameSection.Empty) _names = NameSectionDecoder.Decode(payload.Span, payloadOffset);
    }

    private static int Order(SectionId section) => section switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)section,
    };

    private static string SectionName(SectionId section) => section switch
    {
        SectionId.DataCount => "datacount",
        SectionId.Element => "element",
        _ => section.ToString().ToLowerInvariant(),
    };
}
