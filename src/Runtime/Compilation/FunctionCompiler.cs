using System.Reflection.Emit;
using FrameKind = EdgeWasm.Runtime.Validation.FrameKind;
using System.Runtime.InteropServices;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// Compiles one validated function body to IL in a single pass (after a short pre-scan).
/// <para>The wasm operand stack is tracked at compile time. Values stay on the IL evaluation stack while code
/// is straight-line; entries at positions below <c>_ilBase</c> have been "spilled" to a local per (stack
/// position, type). At every IL label the evaluation stack is empty and all live values are in those slot
/// locals, so a branch moves its values into the target's slots and jumps. Unreachable code is skipped.</para>
/// <para>Parameters are IL arguments, followed by the instance context and the call depth. The first result is
/// the IL return value; further results go through the store's spill area.</para>
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly bool AlignedAccessOnly = RuntimeInformation.ProcessArchitecture == Architecture.Arm;

    private readonly ModuleCompilation _module;
    private readonly ModuleInfo _info;
    private readonly int _definedIndex;
    private readonly int _functionIndex;
    private readonly FuncType _type;
    private readonly FunctionBody _body;
    private readonly ILGenerator _il;
    private readonly int _parameterCount;
    private readonly int _contextArg;
    private readonly int _depthArg;
    private readonly bool _fuel;
    private readonly LocalBuilder?[] _locals;
    private readonly Dictionary<long, LocalBuilder> _slots = [];
    private readonly Dictionary<Type, Stack<LocalBuilder>> _freeTemps = [];
    private readonly List<ControlFrame> _frames = [];
    private readonly Dictionary<uint, LocalBuilder> _globalCells = [];
    private readonly List<int> _segmentCosts = [0];

    private ValueKind[] _stack = new ValueKind[32];
    private Origin[] _origins = new Origin[32];
    private int _height;
    private int _ilBase;
    private int _deadDepth;
    private int _segment;
    private FuelSegments _segments;
    private bool _usesMemory;
    private LocalBuilder _state = null!;
    private LocalBuilder? _fuelLeft;
    private LocalBuilder? _memory;
    private LocalBuilder? _memoryBase;
    private LocalBuilder? _memoryLength;
    private LocalBuilder? _memoryLimit;
    private long _commonExtent = -1;

    public FunctionCompiler(ModuleCompilation module, int definedIndex)
    {
        _module = module;
        _info = module.Info;
        _definedIndex = definedIndex;
        _functionIndex = _info.ImportedFunctionCount + definedIndex;
        _type = _info.Types[(int)_info.FunctionTypeIndices[definedIndex]];
        _body = _info.Bodies[definedIndex];
        _il = module.Methods[definedIndex].GetILGenerator();
        _parameterCount = _type.Parameters.Count;
        _contextArg = _parameterCount;
        _depthArg = _parameterCount + 1;
        _fuel = module.Options.ConsumeFuel;
        _locals = new LocalBuilder?[_body.LocalCount];
    }

    /// <summary>Emits the whole body.</summary>
    public void Compile()
    {
        Scan();
        EmitPrologue();
        _frames.Add(new ControlFrame(FrameKind.Function, 0, [], [.. _type.Results], _il.DefineLabel()));
        var reader = InstructionReader.ForFunction(_info, _definedIndex);
        while (!reader.AtEnd)
        {
            var op = reader.Read();
            if (_frames.Count == 0) throw reader.Error("operators remaining after end of function");
            if (_frames[^1].Unreachable) SkipDead(op);
            else EmitInstruction(op, ref reader);
            if (_fuel && _segments.After(op))
            {
                _segment++;
                if (_frames.Count > 0 && !_frames[^1].Unreachable) EmitFuelCharge(_segmentCosts[_segment], loopHeader: op == Opcode.Loop);
            }
        }

        if (_frames.Count != 0) throw new WasmDecodeException("unexpected end of function", _body.CodeOffset + _body.CodeLength, "code", _functionIndex);
    }

    /// <summary>One pass over the body before emitting: fuel segment costs, globals used, whether memory is used.</summary>
    private void Scan()
    {
        var segments = default(FuelSegments);
        var extents = new Dictionary<long, int>();
        var reader = InstructionReader.ForFunction(_info, _definedIndex);
        while (!reader.AtEnd)
        {
            var op = reader.Read();
            switch (op)
            {
                case Opcode.GlobalGet or Opcode.GlobalSet:
                    _globalCells.TryAdd(reader.GlobalIndex, null!);
                    break;
                case >= Opcode.I32Load and <= Opcode.I64Store32:
                    _usesMemory = true;
                    var extent = (long)reader.MemoryOffset + AccessSize(op);
                    extents[extent] = extents.GetValueOrDefault(extent) + 1;
                    break;
                case >= Opcode.MemorySize and <= Opcode.MemoryGrow:
                    _usesMemory = true;
                    break;
            }

            if (_fuel)
            {
                _segmentCosts[^1] += FuelSegments.Cost(op);
                if (segments.After(op)) _segmentCosts.Add(0);
            }
        }

        if (extents.Count > 0) _commonExtent = extents.MaxBy(e => e.Value).Key;
    }

    /// <summary>Bytes a load or store (I32Load..I64Store32) touches.</summary>
    private static int AccessSize(Opcode op) => op switch
    {
        Opcode.I64Load or Opcode.F64Load or Opcode.I64Store or Opcode.F64Store => 8,
        Opcode.I32Load or Opcode.F32Load or Opcode.I64Load32S or Opcode.I64Load32U or Opcode.I32Store or Opcode.F32Store or Opcode.I64Store32 => 4,
        Opcode.I32Load16S or Opcode.I32Load16U or Opcode.I64Load16S or Opcode.I64Load16U or Opcode.I32Store16 or Opcode.I64Store16 => 2,
        _ => 1,
    };

    private void EmitPrologue()
    {
        _state = _il.DeclareLocal(typeof(ExecutionState));
        DynamicCode.LoadArg(_il, _contextArg);
        _il.Emit(OpCodes.Ldfld, Members.ContextState);
        _il.Emit(OpCodes.Stloc, _state);

        // Call depth: a deterministic limit, checked first.
        var depthOk = _il.DefineLabel();
        DynamicCode.LoadArg(_il, _depthArg);
        DynamicCode.LoadInt(_il, _module.Options.MaxCallDepth);
        _il.Emit(OpCodes.Ble, depthOk);
        EmitTrap(TrapCode.CallStackExhausted);
        _il.MarkLabel(depthOk);

        // Native stack: the address of a local against the store's guard, so large frames cannot overflow it. An
        // interrupt raises the guard above every address, so this one check also stops code that only calls (deep
        // recursion without loops); Traps.AtEntry tells the two apart.
        var probe = _il.DeclareLocal(typeof(int));
        var stackOk = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloca, probe);
        _il.Emit(OpCodes.Conv_U);
        if (_module.FrameAllowance > 0)
        {
            DynamicCode.LoadInt(_il, _module.FrameAllowance);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Sub);
        }

        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, Members.StateStackGuard);
        _il.Emit(OpCodes.Bge_Un, stackOk);
        _il.Emit(OpCodes.Ldloc, _state);
        DynamicCode.LoadInt(_il, _functionIndex);
        _il.Emit(OpCodes.Call, Members.TrapAtEntry);
        _il.Emit(OpCodes.Throw);
        _il.MarkLabel(stackOk);

        if (_usesMemory)
        {
            _memory = _il.DeclareLocal(typeof(Memory));
            _memoryBase = _il.DeclareLocal(typeof(nint));
            _memoryLength = _il.DeclareLocal(typeof(long));
            if (_commonExtent >= 0) _memoryLimit = _il.DeclareLocal(typeof(long));
            DynamicCode.LoadArg(_il, _contextArg);
            _il.Emit(OpCodes.Ldfld, Members.ContextMemory);
            _il.Emit(OpCodes.Stloc, _memory);
            ReloadMemory();
        }

        foreach (var index in _globalCells.Keys.ToArray())
        {
            var cell = _il.DeclareLocal(typeof(Global));
            DynamicCode.LoadArg(_il, _contextArg);
            _il.Emit(OpCodes.Ldfld, Members.ContextGlobals);
            DynamicCode.LoadInt(_il, (int)index);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, cell);
            _globalCells[index] = cell;
        }

        if (_fuel)
        {
            _fuelLeft = _il.DeclareLocal(typeof(long));
            LoadFuel();
            EmitFuelCharge(_segmentCosts[0]);
        }
    }

    // Fuel lives in a local (a register) while the function runs, and in the store's state across calls, returns,
    // traps and helpers that may trap or charge fuel themselves: SaveFuel before those, LoadFuel after.
    private void SaveFuel()
    {
        if (_fuelLeft is null) return;
        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Ldloc, _fuelLeft);
        _il.Emit(OpCodes.Stfld, Members.StateFuel);
    }

    private void LoadFuel()
    {
        if (_fuelLeft is null) return;
        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Ldfld, Members.StateFuel);
        _il.Emit(OpCodes.Stloc, _fuelLeft);
    }

    /// <summary>Memory base and length are cached in locals; calls and memory.grow can change them.</summary>
    private void ReloadMemory()
    {
        if (_memory is null) return;
        _il.Emit(OpCodes.Ldloc, _memory);
        _il.Emit(OpCodes.Ldfld, Members.MemoryBase);
        _il.Emit(OpCodes.Stloc, _memoryBase!);
        _il.Emit(OpCodes.Ldloc, _memory);
        _il.Emit(OpCodes.Ldfld, Members.MemoryByteLength);
        _il.Emit(OpCodes.Stloc, _memoryLength!);
        if (_memoryLimit is null) return;
        _il.Emit(OpCodes.Ldloc, _memoryLength!);
        _il.Emit(OpCodes.Ldc_I8, _commonExtent);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, _memoryLimit);
    }

    private void EmitInterruptCheck()
    {
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _state);
        // Volatile, so the JIT re-reads the flag on every iteration instead of hoisting it out of the loop.
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, Members.StateInterrupted);
        _il.Emit(OpCodes.Brfalse, ok);
        EmitTrap(TrapCode.Interrupted);
        _il.MarkLabel(ok);
    }

    /// <summary>
    /// Charges a segment on entry: <c>FuelRefill.Charge(ref fuel, cost, state, function)</c>, a call RyuJIT inlines into
    /// <c>fuel -= cost; if (fuel &lt; 0) slow path</c>. As IL it is five instructions in one basic block: a segment
    /// starts at every branch and join, and an inline compare and branch per segment pushed big functions past RyuJIT's
    /// limits for optimizing a method at all (its block count is taken from the IL before inlining; docs/engine.md, Fuel).
    /// <para>At a loop header (<paramref name="loopHeader"/>) fuel is compared with <see cref="ExecutionState.FuelFloor"/>
    /// instead of 0, which an interrupt raises: one check per iteration serves both.</para>
    /// </summary>
    private void EmitFuelCharge(int cost, bool loopHeader = false)
    {
        if (cost == 0) return;
        _il.Emit(OpCodes.Ldloca, _fuelLeft!);
        _il.Emit(OpCodes.Ldc_I8, (long)cost);
        _il.Emit(OpCodes.Ldloc, _state);
        DynamicCode.LoadInt(_il, _functionIndex);
        _il.Emit(OpCodes.Call, loopHeader ? Members.FuelChargeLoopHeader : Members.FuelCharge);
    }

    /// <summary>Throws a trap raised in this function. Ends the IL flow, so the evaluation stack does not matter after it.</summary>
    private void EmitTrap(TrapCode code)
    {
        SaveFuel();
        DynamicCode.LoadInt(_il, (int)code);
        DynamicCode.LoadInt(_il, _functionIndex);
        _il.Emit(OpCodes.Call, Members.TrapAt);
        _il.Emit(OpCodes.Throw);
    }

    private void SkipDead(Opcode op)
    {
        if (_deadDepth > 0)
        {
            if (op is Opcode.Block or Opcode.Loop or Opcode.If) _deadDepth++;
            else if (op == Opcode.End) _deadDepth--;
            return;
        }

        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                _deadDepth++;
                break;
            case Opcode.Else:
                EmitElse();
                break;
            case Opcode.End:
                EmitEnd();
                break;
        }
    }
}
