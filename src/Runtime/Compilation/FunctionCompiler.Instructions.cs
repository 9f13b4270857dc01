using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>The instruction dispatch and the non-control instructions.</summary>
internal sealed partial class FunctionCompiler
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo> s_helpers = new();

    private void EmitInstruction(Opcode op, ref InstructionReader reader)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                EmitTrap(TrapCode.Unreachable);
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block: EmitBlock(reader.BlockType); break;
            case Opcode.Loop: EmitLoop(reader.BlockType); break;
            case Opcode.If: EmitIf(reader.BlockType); break;
            case Opcode.Else: EmitElse(); break;
            case Opcode.End: EmitEnd(); break;
            case Opcode.Br: EmitBr(reader.LabelIndex); break;
            case Opcode.BrIf: EmitBrIf(reader.LabelIndex); break;
            case Opcode.BrTable: EmitBrTable(ref reader); break;
            case Opcode.Return: EmitReturn(); break;
            case Opcode.Call: EmitCall(reader.FunctionIndex); break;
            case Opcode.CallIndirect: EmitCallIndirect(reader.TypeIndex, reader.TableIndex); break;

            case Opcode.Drop:
                if (_ilBase < _height) _il.Emit(OpCodes.Pop);
                Pop();
                break;
            case Opcode.Select or Opcode.SelectTyped: EmitSelect(); break;

            case Opcode.LocalGet: EmitLocalGet(reader.LocalIndex); break;
            case Opcode.LocalSet: EmitLocalSet(reader.LocalIndex, tee: false); break;
            case Opcode.LocalTee: EmitLocalSet(reader.LocalIndex, tee: true); break;
            case Opcode.GlobalGet: EmitGlobalGet(reader.GlobalIndex); break;
            case Opcode.GlobalSet: EmitGlobalSet(reader.GlobalIndex); break;

            case Opcode.TableGet:
                EnsureOnStack(1);
                LoadTable(reader.TableIndex);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Get), 1, _info.GetTableType(reader.TableIndex).ElementType);
                break;
            case Opcode.TableSet:
                EnsureOnStack(2);
                LoadTable(reader.TableIndex);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Set), 2, null);
                break;
            case Opcode.TableSize:
                LoadTable(reader.TableIndex);
                _il.Emit(OpCodes.Ldfld, Members.TableElements);
                _il.Emit(OpCodes.Ldlen);
                _il.Emit(OpCodes.Conv_I4);
                Push(ValueKind.I32);
                break;
            case Opcode.TableGrow:
                EnsureOnStack(2);
                LoadTable(reader.TableIndex);
                _il.Emit(OpCodes.Ldloc, _state);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Grow), 2, ValueKind.I32);
                break;
            case Opcode.TableFill:
                EnsureOnStack(3);
                LoadTable(reader.TableIndex);
                _il.Emit(OpCodes.Ldloc, _state);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Fill), 3, null);
                break;
            case Opcode.TableCopy:
                EnsureOnStack(3);
                LoadTable(reader.TableIndex);
                LoadTable(reader.SourceTableIndex);
                _il.Emit(OpCodes.Ldloc, _state);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Copy), 3, null);
                break;
            case Opcode.TableInit:
                EnsureOnStack(3);
                DynamicCode.LoadArg(_il, _contextArg);
                DynamicCode.LoadInt(_il, (int)reader.ElementIndex);
                DynamicCode.LoadInt(_il, (int)reader.TableIndex);
                CallHelper(typeof(TableOperations), nameof(TableOperations.Init), 3, null);
                break;
            case Opcode.ElemDrop:
                DynamicCode.LoadArg(_il, _contextArg);
                DynamicCode.LoadInt(_il, (int)reader.ElementIndex);
                CallHelper(typeof(TableOperations), nameof(TableOperations.DropElement), 0, null);
                break;

            case Opcode.I32Load: EmitLoad(ValueKind.I32, OpCodes.Ldind_I4, 4, null, reader.MemoryOffset); break;
            case Opcode.I64Load: EmitLoad(ValueKind.I64, OpCodes.Ldind_I8, 8, null, reader.MemoryOffset); break;
            case Opcode.F32Load: EmitLoad(ValueKind.F32, OpCodes.Ldind_R4, 4, null, reader.MemoryOffset); break;
            case Opcode.F64Load: EmitLoad(ValueKind.F64, OpCodes.Ldind_R8, 8, null, reader.MemoryOffset); break;
            case Opcode.I32Load8S: EmitLoad(ValueKind.I32, OpCodes.Ldind_I1, 1, null, reader.MemoryOffset); break;
            case Opcode.I32Load8U: EmitLoad(ValueKind.I32, OpCodes.Ldind_U1, 1, null, reader.MemoryOffset); break;
            case Opcode.I32Load16S: EmitLoad(ValueKind.I32, OpCodes.Ldind_I2, 2, null, reader.MemoryOffset); break;
            case Opcode.I32Load16U: EmitLoad(ValueKind.I32, OpCodes.Ldind_U2, 2, null, reader.MemoryOffset); break;
            case Opcode.I64Load8S: EmitLoad(ValueKind.I64, OpCodes.Ldind_I1, 1, OpCodes.Conv_I8, reader.MemoryOffset); break;
            case Opcode.I64Load8U: EmitLoad(ValueKind.I64, OpCodes.Ldind_U1, 1, OpCodes.Conv_U8, reader.MemoryOffset); break;
            case Opcode.I64Load16S: EmitLoad(ValueKind.I64, OpCodes.Ldind_I2, 2, OpCodes.Conv_I8, reader.MemoryOffset); break;
            case Opcode.I64Load16U: EmitLoad(ValueKind.I64, OpCodes.Ldind_U2, 2, OpCodes.Conv_U8, reader.MemoryOffset); break;
            case Opcode.I64Load32S: EmitLoad(ValueKind.I64, OpCodes.Ldind_I4, 4, OpCodes.Conv_I8, reader.MemoryOffset); break;
            case Opcode.I64Load32U: EmitLoad(ValueKind.I64, OpCodes.Ldind_U4, 4, OpCodes.Conv_U8, reader.MemoryOffset); break;
            case Opcode.I32Store: EmitStore(OpCodes.Stind_I4, 4, null, reader.MemoryOffset); break;
            case Opcode.I64Store: EmitStore(OpCodes.Stind_I8, 8, null, reader.MemoryOffset); break;
            case Opcode.F32Store: EmitStore(OpCodes.Stind_R4, 4, null, reader.MemoryOffset); break;
            case Opcode.F64Store: EmitStore(OpCodes.Stind_R8, 8, null, reader.MemoryOffset); break;
            case Opcode.I32Store8: EmitStore(OpCodes.Stind_I1, 1, null, reader.MemoryOffset); break;
            case Opcode.I32Store16: EmitStore(OpCodes.Stind_I2, 2, null, reader.MemoryOffset); break;
            case Opcode.I64Store8: EmitStore(OpCodes.Stind_I1, 1, OpCodes.Conv_I4, reader.MemoryOffset); break;
            case Opcode.I64Store16: EmitStore(OpCodes.Stind_I2, 2, OpCodes.Conv_I4, reader.MemoryOffset); break;
            case Opcode.I64Store32: EmitStore(OpCodes.Stind_I4, 4, OpCodes.Conv_I4, reader.MemoryOffset); break;
            case Opcode.MemorySize:
                _il.Emit(OpCodes.Ldloc, _memoryLength!);
                _il.Emit(OpCodes.Ldc_I4, 16);
                _il.Emit(OpCodes.Shr_Un);
                _il.Emit(OpCodes.Conv_I4);
                Push(ValueKind.I32);
                break;
            case Opcode.MemoryGrow:
                EnsureOnStack(1);
                DynamicCode.LoadArg(_il, _contextArg);
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Grow), 1, ValueKind.I32);
                ReloadMemory();
                break;
            case Opcode.MemoryInit:
                EnsureOnStack(3);
                DynamicCode.LoadArg(_il, _contextArg);
                DynamicCode.LoadInt(_il, (int)reader.DataIndex);
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Init), 3, null);
                break;
            case Opcode.DataDrop:
                DynamicCode.LoadArg(_il, _contextArg);
                DynamicCode.LoadInt(_il, (int)reader.DataIndex);
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.DropData), 0, null);
                break;
            case Opcode.MemoryCopy:
                EnsureOnStack(3);
                DynamicCode.LoadArg(_il, _contextArg);
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Copy), 3, null);
                break;
            case Opcode.MemoryFill:
                EnsureOnStack(3);
                DynamicCode.LoadArg(_il, _contextArg);
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Fill), 3, null);
                break;

            case Opcode.I32Const:
                DynamicCode.LoadInt(_il, reader.I32Value);
                Push(ValueKind.I32);
                break;
            case Opcode.I64Const:
                _il.Emit(OpCodes.Ldc_I8, reader.I64Value);
                Push(ValueKind.I64);
                break;
            case Opcode.F32Const: EmitF32Const(reader.F32Bits); break;
            case Opcode.F64Const:
                var f64 = BitConverter.Int64BitsToDouble((long)reader.F64Bits);
                _il.Emit(OpCodes.Ldc_R8, f64);
                Push(ValueKind.F64, f64 is 0d or 1d or -1d ? Origin.IdentityConstant : Origin.Computed);
                break;

            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push(reader.RefType);
                break;
            case Opcode.RefIsNull:
                EnsureOnStack(1);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Pop();
                Push(ValueKind.I32);
                break;
            case Opcode.RefFunc:
                DynamicCode.LoadArg(_il, _contextArg);
                _il.Emit(OpCodes.Ldfld, Members.ContextFunctions);
                DynamicCode.LoadInt(_il, (int)reader.FunctionIndex);
                _il.Emit(OpCodes.Ldelem_Ref);
                Push(ValueKind.FuncRef);
                break;

            default:
                EmitNumeric(op, ref reader);
                break;
        }
    }

    private void EmitSelect()
    {
        EnsureOnStack(3);
        var kind = Peek(1);
        var type = ClrTypes.Of(kind);
        var condition = Temp(typeof(int));
        var second = Temp(type);
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Stloc, condition);
        _il.Emit(OpCodes.Stloc, second);
        _il.Emit(OpCodes.Ldloc, condition);
        _il.Emit(OpCodes.Brtrue, done);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, second);
        _il.MarkLabel(done);
        Release(condition);
        Release(second);
        Pop(3);
        Push(kind);
    }

    private void EmitLocalGet(uint index)
    {
        if (index < _parameterCount) DynamicCode.LoadArg(_il, (int)index);
        else _il.Emit(OpCodes.Ldloc, Local((int)index - _parameterCount));
        Push(LocalKind(index));
    }

    private void EmitLocalSet(uint index, bool tee)
    {
        EnsureOnStack(1);
        if (tee) _il.Emit(OpCodes.Dup);
        if (index < _parameterCount) DynamicCode.StoreArg(_il, (int)index);
        else _il.Emit(OpCodes.Stloc, Local((int)index - _parameterCount));
        if (!tee) Pop();
    }

    private void EmitGlobalGet(uint index)
    {
        var kind = _info.GetGlobalType(index).ValueType;
        _il.Emit(OpCodes.Ldloc, _globalCells[index]);
        _il.Emit(OpCodes.Ldfld, Members.GlobalField(kind));
        Push(kind);
    }

    private void EmitGlobalSet(uint index)
    {
        var kind = _info.GetGlobalType(index).ValueType;
        EnsureOnStack(1);
        var value = Temp(ClrTypes.Of(kind));
        _il.Emit(OpCodes.Stloc, value);
        _il.Emit(OpCodes.Ldloc, _globalCells[index]);
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(OpCodes.Stfld, Members.GlobalField(kind));
        Release(value);
        Pop();
    }

    private void EmitF32Const(uint bits)
    {
        // The JIT keeps float constants as doubles, which would quiet a signalling NaN; build those at run time.
        var signalling = (bits & 0x7F80_0000) == 0x7F80_0000 && (bits & 0x007F_FFFF) != 0 && (bits & 0x0040_0000) == 0;
        if (signalling)
        {
            DynamicCode.LoadInt(_il, (int)bits);
            _il.Emit(OpCodes.Call, Helper(typeof(Numerics), nameof(Numerics.F32FromBitsOpaque)));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R4, BitConverter.Int32BitsToSingle((int)bits));
        }

        var value = BitConverter.Int32BitsToSingle((int)bits);
        Push(ValueKind.F32, value is 0f or 1f or -1f ? Origin.IdentityConstant : Origin.Computed);
    }

    /// <summary>The address operand becomes a native pointer to <paramref name="size"/> checked bytes at address + offset.</summary>
    private void EmitAddress(uint offset, int size)
    {
        var address = Temp(typeof(long));
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Conv_U8);
        _il.Emit(OpCodes.Stloc, address);
        _il.Emit(OpCodes.Ldloc, address);
        if ((long)offset + size == _commonExtent)
        {
            // The function's most common offset + size has its limit, length - extent, in a local (it may be negative;
            // the address is below 2^32, so a signed compare is exact): one compare, no add.
            _il.Emit(OpCodes.Ldloc, _memoryLimit!);
            _il.Emit(OpCodes.Ble, ok);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset + size);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, _memoryLength!);
            _il.Emit(OpCodes.Ble_Un, ok);
        }

        EmitTrap(TrapCode.MemoryOutOfBounds);
        _il.MarkLabel(ok);
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        _il.Emit(OpCodes.Ldloc, address);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Add);
        if (offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)offset);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
        }

        Release(address);
        // 32-bit ARM faults on some unaligned accesses; elsewhere unaligned loads and stores just work.
        if (AlignedAccessOnly && size > 1) _il.Emit(OpCodes.Unaligned, (byte)1);
    }

    private void EmitLoad(ValueKind kind, OpCode load, int size, OpCode? extend, uint offset)
    {
        EnsureOnStack(1);
        EmitAddress(offset, size);
        _il.Emit(load);
        if (extend is { } conversion) _il.Emit(conversion);
        Pop();
        Push(kind);
    }

    private void EmitStore(OpCode store, int size, OpCode? narrow, uint offset)
    {
        EnsureOnStack(2);
        var valueKind = Peek();
        var value = Temp(ClrTypes.Of(valueKind));
        _il.Emit(OpCodes.Stloc, value);
        EmitAddress(offset, size);
        _il.Emit(OpCodes.Ldloc, value);
        if (narrow is { } conversion) _il.Emit(conversion);
        _il.Emit(store);
        Release(value);
        Pop(2);
    }

    /// <summary>Calls a static helper whose first <paramref name="operands"/> parameters are the top stack values
    /// (already on the IL stack, followed by any extra arguments the caller loaded).</summary>
    private void CallHelper(Type owner, string name, int operands, ValueKind? result)
    {
        // Table and memory helpers may trap or charge fuel.
        SaveFuel();
        _il.Emit(OpCodes.Call, Helper(owner, name));
        LoadFuel();
        Pop(operands);
        if (result is { } kind) Push(kind);
    }

    private static MethodInfo Helper(Type owner, string name) =>
        s_helpers.GetOrAdd((owner, name), static key => Members.Helper(key.Item1, key.Item2));
}
