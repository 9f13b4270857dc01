using System.Reflection.Emit;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>Comparisons, arithmetic and conversions.</summary>
internal sealed partial class FunctionCompiler
{
    private const ValueKind I32 = ValueKind.I32;
    private const ValueKind I64 = ValueKind.I64;
    private const ValueKind F32 = ValueKind.F32;
    private const ValueKind F64 = ValueKind.F64;

    private void EmitNumeric(Opcode op, ref InstructionReader reader)
    {
        switch (op)
        {
            case Opcode.I32Eqz:
                Operate(1, I32, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                break;
            case Opcode.I64Eqz:
                Operate(1, I32, OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq);
                break;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq: Operate(2, I32, OpCodes.Ceq); break;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne: Operate(2, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt: Operate(2, I32, OpCodes.Clt); break;
            case Opcode.I32LtU or Opcode.I64LtU: Operate(2, I32, OpCodes.Clt_Un); break;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt: Operate(2, I32, OpCodes.Cgt); break;
            case Opcode.I32GtU or Opcode.I64GtU: Operate(2, I32, OpCodes.Cgt_Un); break;
            case Opcode.I32LeS or Opcode.I64LeS: Operate(2, I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32LeU or Opcode.I64LeU: Operate(2, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32GeS or Opcode.I64GeS: Operate(2, I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32GeU or Opcode.I64GeU: Operate(2, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            // Float le/ge are the negation of the unordered gt/lt, so NaN operands give 0.
            case Opcode.F32Le or Opcode.F64Le: Operate(2, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.F32Ge or Opcode.F64Ge: Operate(2, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;

            case Opcode.I32Clz: Numeric(1, I32, nameof(Numerics.I32Clz)); break;
            case Opcode.I32Ctz: Numeric(1, I32, nameof(Numerics.I32Ctz)); break;
            case Opcode.I32Popcnt: Numeric(1, I32, nameof(Numerics.I32Popcnt)); break;
            case Opcode.I32Add: Operate(2, I32, OpCodes.Add); break;
            case Opcode.I32Sub: Operate(2, I32, OpCodes.Sub); break;
            case Opcode.I32Mul: Operate(2, I32, OpCodes.Mul); break;
            case Opcode.I32DivS: TrappingNumeric(2, I32, nameof(Numerics.I32DivS)); break;
            case Opcode.I32DivU: TrappingNumeric(2, I32, nameof(Numerics.I32DivU)); break;
            case Opcode.I32RemS: TrappingNumeric(2, I32, nameof(Numerics.I32RemS)); break;
            case Opcode.I32RemU: TrappingNumeric(2, I32, nameof(Numerics.I32RemU)); break;
            case Opcode.I32And: Operate(2, I32, OpCodes.And); break;
            case Opcode.I32Or: Operate(2, I32, OpCodes.Or); break;
            case Opcode.I32Xor: Operate(2, I32, OpCodes.Xor); break;
            // Wasm takes shift counts modulo the width; IL leaves larger counts unspecified, so mask explicitly.
            case Opcode.I32Shl: Operate(2, I32, OpCodes.Ldc_I4_S, 31, OpCodes.And, OpCodes.Shl); break;
            case Opcode.I32ShrS: Operate(2, I32, OpCodes.Ldc_I4_S, 31, OpCodes.And, OpCodes.Shr); break;
            case Opcode.I32ShrU: Operate(2, I32, OpCodes.Ldc_I4_S, 31, OpCodes.And, OpCodes.Shr_Un); break;
            case Opcode.I32Rotl: Numeric(2, I32, nameof(Numerics.I32Rotl)); break;
            case Opcode.I32Rotr: Numeric(2, I32, nameof(Numerics.I32Rotr)); break;

            case Opcode.I64Clz: Numeric(1, I64, nameof(Numerics.I64Clz)); break;
            case Opcode.I64Ctz: Numeric(1, I64, nameof(Numerics.I64Ctz)); break;
            case Opcode.I64Popcnt: Numeric(1, I64, nameof(Numerics.I64Popcnt)); break;
            case Opcode.I64Add: Operate(2, I64, OpCodes.Add); break;
            case Opcode.I64Sub: Operate(2, I64, OpCodes.Sub); break;
            case Opcode.I64Mul: Operate(2, I64, OpCodes.Mul); break;
            case Opcode.I64DivS: TrappingNumeric(2, I64, nameof(Numerics.I64DivS)); break;
            case Opcode.I64DivU: TrappingNumeric(2, I64, nameof(Numerics.I64DivU)); break;
            case Opcode.I64RemS: TrappingNumeric(2, I64, nameof(Numerics.I64RemS)); break;
            case Opcode.I64RemU: TrappingNumeric(2, I64, nameof(Numerics.I64RemU)); break;
            case Opcode.I64And: Operate(2, I64, OpCodes.And); break;
            case Opcode.I64Or: Operate(2, I64, OpCodes.Or); break;
            case Opcode.I64Xor: Operate(2, I64, OpCodes.Xor); break;
            case Opcode.I64Shl: Operate(2, I64, OpCodes.Conv_I4, OpCodes.Ldc_I4_S, 63, OpCodes.And, OpCodes.Shl); break;
            case Opcode.I64ShrS: Operate(2, I64, OpCodes.Conv_I4, OpCodes.Ldc_I4_S, 63, OpCodes.And, OpCodes.Shr); break;
            case Opcode.I64ShrU: Operate(2, I64, OpCodes.Conv_I4, OpCodes.Ldc_I4_S, 63, OpCodes.And, OpCodes.Shr_Un); break;
            case Opcode.I64Rotl: Numeric(2, I64, nameof(Numerics.I64Rotl)); break;
            case Opcode.I64Rotr: Numeric(2, I64, nameof(Numerics.I64Rotr)); break;

            case Opcode.F32Abs: Numeric(1, F32, nameof(Numerics.F32Abs)); break;
            case Opcode.F32Neg: Numeric(1, F32, nameof(Numerics.F32Neg)); break;
            case Opcode.F32Ceil: Bcl(1, F32, typeof(MathF), nameof(MathF.Ceiling)); break;
            case Opcode.F32Floor: Bcl(1, F32, typeof(MathF), nameof(MathF.Floor)); break;
            case Opcode.F32Trunc: Bcl(1, F32, typeof(MathF), nameof(MathF.Truncate)); break;
            case Opcode.F32Nearest: Numeric(1, F32, nameof(Numerics.F32Nearest)); break;
            case Opcode.F32Sqrt: Bcl(1, F32, typeof(MathF), nameof(MathF.Sqrt)); break;
            case Opcode.F32Add: FloatArithmetic(F32, OpCodes.Add); break;
            case Opcode.F32Sub: FloatArithmetic(F32, OpCodes.Sub); break;
            case Opcode.F32Mul: FloatArithmetic(F32, OpCodes.Mul); break;
            case Opcode.F32Div: FloatArithmetic(F32, OpCodes.Div); break;
            case Opcode.F32Min: Numeric(2, F32, nameof(Numerics.F32Min)); break;
            case Opcode.F32Max: Numeric(2, F32, nameof(Numerics.F32Max)); break;
            case Opcode.F32Copysign: Numeric(2, F32, nameof(Numerics.F32Copysign)); break;

            case Opcode.F64Abs: Numeric(1, F64, nameof(Numerics.F64Abs)); break;
            case Opcode.F64Neg: Numeric(1, F64, nameof(Numerics.F64Neg)); break;
            case Opcode.F64Ceil: Bcl(1, F64, typeof(Math), nameof(Math.Ceiling)); break;
            case Opcode.F64Floor: Bcl(1, F64, typeof(Math), nameof(Math.Floor)); break;
            case Opcode.F64Trunc: Bcl(1, F64, typeof(Math), nameof(Math.Truncate)); break;
            case Opcode.F64Nearest: Numeric(1, F64, nameof(Numerics.F64Nearest)); break;
            case Opcode.F64Sqrt: Bcl(1, F64, typeof(Math), nameof(Math.Sqrt)); break;
            case Opcode.F64Add: FloatArithmetic(F64, OpCodes.Add); break;
            case Opcode.F64Sub: FloatArithmetic(F64, OpCodes.Sub); break;
            case Opcode.F64Mul: FloatArithmetic(F64, OpCodes.Mul); break;
            case Opcode.F64Div: FloatArithmetic(F64, OpCodes.Div); break;
            case Opcode.F64Min: Numeric(2, F64, nameof(Numerics.F64Min)); break;
            case Opcode.F64Max: Numeric(2, F64, nameof(Numerics.F64Max)); break;
            case Opcode.F64Copysign: Numeric(2, F64, nameof(Numerics.F64Copysign)); break;

            case Opcode.I32WrapI64: Operate(1, I32, OpCodes.Conv_I4); break;
            case Opcode.I32TruncF32S: TrappingNumeric(1, I32, nameof(Numerics.I32TruncF32S)); break;
            case Opcode.I32TruncF32U: TrappingNumeric(1, I32, nameof(Numerics.I32TruncF32U)); break;
            case Opcode.I32TruncF64S: TrappingNumeric(1, I32, nameof(Numerics.I32TruncF64S)); break;
            case Opcode.I32TruncF64U: TrappingNumeric(1, I32, nameof(Numerics.I32TruncF64U)); break;
            case Opcode.I64ExtendI32S: Operate(1, I64, OpCodes.Conv_I8); break;
            case Opcode.I64ExtendI32U: Operate(1, I64, OpCodes.Conv_U8); break;
            case Opcode.I64TruncF32S: TrappingNumeric(1, I64, nameof(Numerics.I64TruncF32S)); break;
            case Opcode.I64TruncF32U: TrappingNumeric(1, I64, nameof(Numerics.I64TruncF32U)); break;
            case Opcode.I64TruncF64S: TrappingNumeric(1, I64, nameof(Numerics.I64TruncF64S)); break;
            case Opcode.I64TruncF64U: TrappingNumeric(1, I64, nameof(Numerics.I64TruncF64U)); break;
            case Opcode.F32ConvertI32S: Operate(1, F32, OpCodes.Conv_R4); break;
            case Opcode.F32ConvertI32U: Numeric(1, F32, nameof(Numerics.F32ConvertI32U)); break;
            case Opcode.F32ConvertI64S: Numeric(1, F32, nameof(Numerics.F32ConvertI64S)); break;
            case Opcode.F32ConvertI64U: Numeric(1, F32, nameof(Numerics.F32ConvertI64U)); break;
            case Opcode.F32DemoteF64:
                var promoted = OriginAt(0) == Origin.Promote;
                Operate(1, F32, OpCodes.Conv_R4);
                if (promoted) _il.Emit(OpCodes.Call, Helper(typeof(Numerics), nameof(Numerics.F32Quiet)));
                break;
            case Opcode.F64ConvertI32S: Operate(1, F64, OpCodes.Conv_R8); break;
            case Opcode.F64ConvertI32U: Numeric(1, F64, nameof(Numerics.F64ConvertI32U)); break;
            case Opcode.F64ConvertI64S: Operate(1, F64, OpCodes.Conv_R8); break;
            case Opcode.F64ConvertI64U: Numeric(1, F64, nameof(Numerics.F64ConvertI64U)); break;
            case Opcode.F64PromoteF32:
                Operate(1, F64, OpCodes.Conv_R8);
                _origins[_height - 1] = Origin.Promote;
                break;
            case Opcode.I32ReinterpretF32: Call(1, I32, Members.SingleToBits); break;
            case Opcode.I64ReinterpretF64: Call(1, I64, Members.DoubleToBits); break;
            case Opcode.F32ReinterpretI32: Call(1, F32, Members.BitsToSingle); break;
            case Opcode.F64ReinterpretI64: Call(1, F64, Members.BitsToDouble); break;

            case Opcode.I32Extend8S: Operate(1, I32, OpCodes.Conv_I1); break;
            case Opcode.I32Extend16S: Operate(1, I32, OpCodes.Conv_I2); break;
            case Opcode.I64Extend8S: Operate(1, I64, OpCodes.Conv_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Extend16S: Operate(1, I64, OpCodes.Conv_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Extend32S: Operate(1, I64, OpCodes.Conv_I4, OpCodes.Conv_I8); break;

            case Opcode.I32TruncSatF32S: Numeric(1, I32, nameof(Numerics.I32TruncSatF32S)); break;
            case Opcode.I32TruncSatF32U: Numeric(1, I32, nameof(Numerics.I32TruncSatF32U)); break;
            case Opcode.I32TruncSatF64S: Numeric(1, I32, nameof(Numerics.I32TruncSatF64S)); break;
            case Opcode.I32TruncSatF64U: Numeric(1, I32, nameof(Numerics.I32TruncSatF64U)); break;
            case Opcode.I64TruncSatF32S: Numeric(1, I64, nameof(Numerics.I64TruncSatF32S)); break;
            case Opcode.I64TruncSatF32U: Numeric(1, I64, nameof(Numerics.I64TruncSatF32U)); break;
            case Opcode.I64TruncSatF64S: Numeric(1, I64, nameof(Numerics.I64TruncSatF64S)); break;
            case Opcode.I64TruncSatF64U: Numeric(1, I64, nameof(Numerics.I64TruncSatF64U)); break;

            default:
                throw reader.Error($"illegal opcode {(ushort)op:x}");
        }
    }

    /// <summary>Emits a fixed opcode sequence over the top <paramref name="operands"/> values. An int following
    /// <see cref="OpCodes.Ldc_I4_S"/> in <paramref name="sequence"/> is its operand.</summary>
    private void Operate(int operands, ValueKind result, params ReadOnlySpan<object> sequence)
    {
        EnsureOnStack(operands);
        for (var i = 0; i < sequence.Length; i++)
        {
            var code = (OpCode)sequence[i];
            if (code == OpCodes.Ldc_I4_S) _il.Emit(code, (sbyte)(int)sequence[++i]);
            else _il.Emit(code);
        }

        Pop(operands);
        Push(result);
    }

    /// <summary>add/sub/mul/div; with a ±0/±1 constant operand the JIT may fold the operation away, so a NaN
    /// result is quieted explicitly (see <see cref="Origin"/>).</summary>
    private void FloatArithmetic(ValueKind kind, OpCode op)
    {
        var foldable = OriginAt(0) == Origin.IdentityConstant || OriginAt(1) == Origin.IdentityConstant;
        Operate(2, kind, op);
        if (foldable) _il.Emit(OpCodes.Call, Helper(typeof(Numerics), kind == F32 ? nameof(Numerics.F32Quiet) : nameof(Numerics.F64Quiet)));
    }

    /// <summary>A helper that may trap: the fuel local is saved first, so the trap leaves the store's fuel exact.</summary>
    private void TrappingNumeric(int operands, ValueKind result, string helper)
    {
        SaveFuel();
        Numeric(operands, result, helper);
    }

    private void Numeric(int operands, ValueKind result, string helper) => Call(operands, result, Helper(typeof(Numerics), helper));

    private void Bcl(int operands, ValueKind result, Type owner, string name)
    {
        var type = ClrTypes.Of(result);
        Call(operands, result, Members.Bcl(owner, name, operands == 1 ? [type] : [type, type]));
    }

    private void Call(int operands, ValueKind result, System.Reflection.MethodInfo method)
    {
        EnsureOnStack(operands);
        _il.Emit(OpCodes.Call, method);
        Pop(operands);
        Push(result);
    }
}
