using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// Decodes and type-checks function bodies in one pass: an operand stack of value types and a stack of control
/// frames, as in the spec's validation algorithm (appendix), with a polymorphic stack after unreachable, br,
/// br_table and return. Every instruction costs O(1) besides its own operands, so validation is linear in the code
/// size. The stacks are reused across the functions of a module. Malformed code raises
/// <see cref="WasmDecodeException"/>; ill-typed code raises <see cref="WasmValidationException"/>.
/// </summary>
internal sealed class FunctionValidator
{
    // A value of any type, produced by popping the polymorphic stack of unreachable code.
    private const ValueKind Unknown = 0;
    private const ValueKind I32 = ValueKind.I32;
    private const string Section = "code";

    private readonly ValidationContext _context;
    private ValueKind[] _values = new ValueKind[64];
    private ValueKind[] _scratch = new ValueKind[8];
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _valueCount;
    private int _frameCount;
    private long _offset;
    private int _functionIndex;
    private ValueKind[] _parameters = [];
    private FunctionBody? _body;

    public FunctionValidator(ValidationContext context) => _context = context;

    /// <summary>Validates defined function <paramref name="definedIndex"/> (imports not counted).</summary>
    public void Validate(int definedIndex)
    {
        var module = _context.Module;
        _functionIndex = module.ImportedFunctionCount + definedIndex;
        var typeIndex = _context.FunctionTypes[_functionIndex];
        _parameters = _context.TypeParameters[typeIndex];
        _body = module.Bodies[definedIndex];
        _valueCount = 0;
        _frameCount = 0;
        // The parameters are locals, not operands: the function frame starts with an empty stack.
        PushFrame(FrameKind.Function, [], _context.TypeResults[typeIndex]);

        var reader = InstructionReader.ForFunction(module, definedIndex);
        while (!reader.AtEnd)
        {
            var op = reader.Read();
            _offset = reader.InstructionOffset;
            Check(op, ref reader);
            if (_frameCount == 0)
            {
                // The function's final end must be its last byte.
                if (!reader.AtEnd) throw new WasmDecodeException(CodeScanner.CodeAfterEnd, reader.Offset, Section, _functionIndex);
                return;
            }
        }

        throw new WasmDecodeException(CodeScanner.MissingEnd, reader.Offset, Section, _functionIndex);
    }

    private void Check(Opcode op, ref InstructionReader reader)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop:
            {
                var (parameters, results) = BlockSignature(reader.BlockType);
                PopAll(parameters);
                PushFrame(op == Opcode.Block ? FrameKind.Block : FrameKind.Loop, parameters, results);
                break;
            }

            case Opcode.If:
            {
                var (parameters, results) = BlockSignature(reader.BlockType);
                Pop(I32);
                PopAll(parameters);
                PushFrame(FrameKind.If, parameters, results);
                break;
            }

            case Opcode.Else:
            {
                if (_frames[_frameCount - 1].Kind != FrameKind.If) throw new WasmDecodeException(CodeScanner.ElseWithoutIf, _offset, Section, _functionIndex);
                var frame = PopFrame();
                PushFrame(FrameKind.Else, frame.Parameters, frame.Results);
                break;
            }

            case Opcode.End:
            {
                var frame = PopFrame();
                // An if without else behaves as if its else passed the parameters through.
                if (frame.Kind == FrameKind.If && !frame.Parameters.AsSpan().SequenceEqual(frame.Results))
                {
                    throw Invalid("type mismatch: an if without else must produce its parameters as results");
                }

                if (_frameCount > 0) PushAll(frame.Results);
                break;
            }

            case Opcode.Br:
                PopAll(Label(reader.LabelIndex));
                SetUnreachable();
                break;
            case Opcode.BrIf:
            {
                // The values stay for the fall-through path, typed as the label says (even if they were unknown).
                var types = Label(reader.LabelIndex);
                Pop(I32);
                PopAll(types);
                PushAll(types);
                break;
            }

            case Opcode.BrTable:
                CheckBrTable(ref reader);
                break;
            case Opcode.Return:
                PopAll(_frames[0].Results);
                SetUnreachable();
                break;
            case Opcode.Call:
            {
                var typeIndex = FunctionType(reader.FunctionIndex);
                PopAll(_context.TypeParameters[typeIndex]);
                PushAll(_context.TypeResults[typeIndex]);
                break;
            }

            case Opcode.CallIndirect:
            {
                if (TableType(reader.TableIndex) != ValueKind.FuncRef) throw Invalid($"type mismatch: call_indirect needs a funcref table, table {reader.TableIndex} holds {ValueKinds.Name(TableType(reader.TableIndex))}");
                var typeIndex = reader.TypeIndex;
                if (typeIndex >= (uint)_context.TypeParameters.Length) throw Invalid($"unknown type {typeIndex}");
                Pop(I32);
                PopAll(_context.TypeParameters[typeIndex]);
                PushAll(_context.TypeResults[typeIndex]);
                break;
            }

            case Opcode.Drop:
                Pop();
                break;
            case Opcode.Select:
            {
                Pop(I32);
                var t1 = Pop();
                var t2 = Pop();
                if (ValueKinds.IsReference(t1) || ValueKinds.IsReference(t2)) throw Invalid("type mismatch: select without a type needs numeric operands");
                if (t1 != t2 && t1 != Unknown && t2 != Unknown) throw Mismatch(t1, t2);
                Push(t1 == Unknown ? t2 : t1);
                break;
            }

            case Opcode.SelectTyped:
            {
                if (reader.SelectTypeCount != 1) throw Invalid($"invalid result arity: select takes 1 type, found {reader.SelectTypeCount}");
                var type = reader.SelectType;
                Pop(I32);
                Pop(type);
                Pop(type);
                Push(type);
                break;
            }

            case Opcode.LocalGet:
                Push(LocalType(reader.LocalIndex));
                break;
            case Opcode.LocalSet:
                Pop(LocalType(reader.LocalIndex));
                break;
            case Opcode.LocalTee:
            {
                var type = LocalType(reader.LocalIndex);
                Pop(type);
                Push(type);
                break;
            }

            case Opcode.GlobalGet:
                Push(Global(reader.GlobalIndex).ValueType);
                break;
            case Opcode.GlobalSet:
            {
                var global = Global(reader.GlobalIndex);
                if (!global.Mutable) throw Invalid($"global is immutable: global {reader.GlobalIndex}");
                Pop(global.ValueType);
                break;
            }

            case Opcode.TableGet:
            {
                var type = TableType(reader.TableIndex);
                Pop(I32);
                Push(type);
                break;
            }

            case Opcode.TableSet:
            {
                var type = TableType(reader.TableIndex);
                Pop(type);
                Pop(I32);
                break;
            }

            case Opcode.MemorySize:
                RequireMemory();
                Push(I32);
                break;
            case Opcode.MemoryGrow:
                RequireMemory();
                Pop(I32);
                Push(I32);
                break;
            case Opcode.I32Const:
                Push(I32);
                break;
            case Opcode.I64Const:
                Push(ValueKind.I64);
                break;
            case Opcode.F32Const:
                Push(ValueKind.F32);
                break;
            case Opcode.F64Const:
                Push(ValueKind.F64);
                break;
            case Opcode.RefNull:
                Push(reader.RefType);
                break;
            case Opcode.RefIsNull:
            {
                var type = Pop();
                if (type != Unknown && !ValueKinds.IsReference(type)) throw Invalid($"type mismatch: ref.is_null needs a reference, found {ValueKinds.Name(type)}");
                Push(I32);
                break;
            }

            case Opcode.RefFunc:
            {
                var function = reader.FunctionIndex;
                FunctionType(function);
                if (!_context.DeclaredFunctions[function]) throw Invalid($"undeclared function reference: function {function} is not named in an element segment, global initializer or export");
                Push(ValueKind.FuncRef);
                break;
            }

            default:
                CheckOther(op, ref reader);
                break;
        }
    }

    // Memory accesses, numeric operators and the 0xFC bulk memory and table instructions.
    private void CheckOther(Opcode op, ref InstructionReader reader)
    {
        if (OperatorTypes.TryGetNumeric(op, out var numeric))
        {
            if (numeric.IsBinary) Pop(numeric.Operand2);
            Pop(numeric.Operand1);
            Push(numeric.Result);
            return;
        }

        if (OperatorTypes.TryGetMemoryAccess(op, out var access))
        {
            RequireMemory();
            if (reader.Align > access.MaxAlign) throw Invalid($"alignment must not be larger than natural: 2^{reader.Align} for a {access.Width}-byte access");
            if (access.IsStore) Pop(access.Type);
            Pop(I32);
            if (!access.IsStore) Push(access.Type);
            return;
        }

        switch (op)
        {
            case Opcode.MemoryInit:
                RequireMemory();
                DataSegment(reader.DataIndex);
                PopI32s(3);
                break;
            case Opcode.DataDrop:
                DataSegment(reader.DataIndex);
                break;
            case Opcode.MemoryCopy or Opcode.MemoryFill:
                RequireMemory();
                PopI32s(3);
                break;
            case Opcode.TableInit:
            {
                var table = TableType(reader.TableIndex);
                var element = ElementSegment(reader.ElementIndex);
                if (table != element) throw Invalid($"type mismatch: element segment {reader.ElementIndex} holds {ValueKinds.Name(element)}, table {reader.TableIndex} holds {ValueKinds.Name(table)}");
                PopI32s(3);
                break;
            }

            case Opcode.ElemDrop:
                ElementSegment(reader.ElementIndex);
                break;
            case Opcode.TableCopy:
            {
                var destination = TableType(reader.TableIndex);
                var source = TableType(reader.SourceTableIndex);
                if (destination != source) throw Invalid($"type mismatch: table.copy from {ValueKinds.Name(source)} to {ValueKinds.Name(destination)}");
                PopI32s(3);
                break;
            }

            case Opcode.TableGrow:
            {
                var type = TableType(reader.TableIndex);
                Pop(I32);
                Pop(type);
                Push(I32);
                break;
            }

            case Opcode.TableSize:
                TableType(reader.TableIndex);
                Push(I32);
                break;
            case Opcode.TableFill:
            {
                var type = TableType(reader.TableIndex);
                Pop(I32);
                Pop(type);
                Pop(I32);
                break;
            }

            default:
                throw new InvalidOperationException($"the validator does not handle opcode {op} (0x{(int)op:x}) that the instruction reader accepted");
        }
    }

    private void CheckBrTable(ref InstructionReader reader)
    {
        Pop(I32);
        var defaultTypes = Label(reader.BrTableDefault);
        var arity = defaultTypes.Length;
        var targets = reader.BrTableTargets;
        ValueKind[]? lastChecked = null;
        while (targets.TryReadNext(out var label))
        {
            var types = Label(label);
            if (types.Length != arity) throw Invalid($"type mismatch: br_table label {label} carries {types.Length} values, the default carries {arity}");
            // Checking the same label types again cannot fail differently; skipping keeps long tables linear.
            if (ReferenceEquals(types, lastChecked)) continue;
            lastChecked = types;
            PopAndRestore(types);
        }

        PopAll(defaultTypes);
        SetUnreachable();
    }

    private (ValueKind[] Parameters, ValueKind[] Results) BlockSignature(BlockType type)
    {
        switch (type.Kind)
        {
            case BlockTypeKind.Empty:
                return ([], []);
            case BlockTypeKind.Value:
                return ([], ValidationContext.Single(type.ValueType));
            default:
                if (type.TypeIndex >= (uint)_context.TypeParameters.Length) throw Invalid($"unknown type {type.TypeIndex}");
                return (_context.TypeParameters[type.TypeIndex], _context.TypeResults[type.TypeIndex]);
        }
    }

    private ValueKind[] Label(uint depth)
    {
        if (depth >= (uint)_frameCount) throw Invalid($"unknown label {depth}");
        return _frames[_frameCount - 1 - (int)depth].LabelTypes;
    }

    private uint FunctionType(uint function)
    {
        if (function >= (uint)_context.FunctionTypes.Length) throw Invalid($"unknown function {function}");
        return _context.FunctionTypes[function];
    }

    private ValueKind TableType(uint table)
    {
        if (table >= (uint)_context.TableTypes.Length) throw Invalid($"unknown table {table}");
        return _context.TableTypes[table];
    }

    private ValueKind ElementSegment(uint segment)
    {
        if (segment >= (uint)_context.ElementTypes.Length) throw Invalid($"unknown elem segment {segment}");
        return _context.ElementTypes[segment];
    }

    private void DataSegment(uint segment)
    {
        if (segment >= (uint)_context.Module.Data.Count) throw Invalid($"unknown data segment {segment}");
        // A binary-format rule, so that code can be checked before the data section is seen: malformed, not invalid.
        if (_context.Module.DataCount is null) throw new WasmDecodeException(CodeScanner.DataCountRequired, _offset, Section, _functionIndex);
    }

    private GlobalType Global(uint global)
    {
        if (global >= (uint)_context.Globals.Length) throw Invalid($"unknown global {global}");
        return _context.Globals[global];
    }

    private ValueKind LocalType(uint local)
    {
        if (local < (uint)_parameters.Length) return _parameters[local];
        var declared = local - (uint)_parameters.Length;
        if (declared >= (uint)_body!.LocalCount) throw Invalid($"unknown local {local}");
        return _body.GetLocalType((int)declared);
    }

    private void RequireMemory()
    {
        if (_context.MemoryCount == 0) throw Invalid("unknown memory 0");
    }

    private void Push(ValueKind type)
    {
        if (_valueCount == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        _values[_valueCount++] = type;
    }

    private void PushAll(ValueKind[] types)
    {
        foreach (var type in types) Push(type);
    }

    private ValueKind Pop()
    {
        ref var frame = ref _frames[_frameCount - 1];
        if (_valueCount > frame.Height) return _values[--_valueCount];
        if (frame.Unreachable) return Unknown;
        throw Invalid("type mismatch: an operand is missing");
    }

    private ValueKind Pop(ValueKind expected)
    {
        var actual = Pop();
        if (actual != expected && actual != Unknown) throw Mismatch(expected, actual);
        return actual;
    }

    private void PopAll(ValueKind[] types)
    {
        for (var i = types.Length - 1; i >= 0; i--) Pop(types[i]);
    }

    private void PopI32s(int count)
    {
        for (var i = 0; i < count; i++) Pop(I32);
    }

    // Checks that the top of the stack has these types and leaves it as it was (what br_if and br_table do to values
    // they pass on). Popped values are pushed back as they were found, Unknown included.
    private void PopAndRestore(ValueKind[] types)
    {
        if (_scratch.Length < types.Length) _scratch = new ValueKind[Math.Max(types.Length, _scratch.Length * 2)];
        for (var i = types.Length - 1; i >= 0; i--) _scratch[i] = Pop(types[i]);
        for (var i = 0; i < types.Length; i++) Push(_scratch[i]);
    }

    private void PushFrame(FrameKind kind, ValueKind[] parameters, ValueKind[] results)
    {
        if (_frameCount == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_frameCount++] = new ControlFrame { Kind = kind, Parameters = parameters, Results = results, Height = _valueCount };
        PushAll(parameters);
    }

    private ControlFrame PopFrame()
    {
        var frame = _frames[_frameCount - 1];
        PopAll(frame.Results);
        if (_valueCount != frame.Height) throw Invalid($"type mismatch: {_valueCount - frame.Height} value(s) left over at the end of the block");
        _frameCount--;
        return frame;
    }

    private void SetUnreachable()
    {
        ref var frame = ref _frames[_frameCount - 1];
        _valueCount = frame.Height;
        frame.Unreachable = true;
    }

    private WasmValidationException Invalid(string reason) => new(reason, _offset, Section, _functionIndex);

    private WasmValidationException Mismatch(ValueKind expected, ValueKind actual) =>
        Invalid($"type mismatch: expected {ValueKinds.Name(expected)}, found {ValueKinds.Name(actual)}");
}
