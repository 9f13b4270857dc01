using System.Reflection.Emit;
using EdgeWasm.Runtime.Decoding;
using FrameKind = EdgeWasm.Runtime.Validation.FrameKind;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>Blocks, branches, calls and returns.</summary>
internal sealed partial class FunctionCompiler
{
    private (ValueKind[] Parameters, ValueKind[] Results) Signature(BlockType type) => type.Kind switch
    {
        BlockTypeKind.Empty => ([], []),
        BlockTypeKind.Value => ([], [type.ValueType]),
        _ => ([.. _info.Types[(int)type.TypeIndex].Parameters], [.. _info.Types[(int)type.TypeIndex].Results]),
    };

    private void EmitBlock(BlockType type)
    {
        var (parameters, results) = Signature(type);
        // No flush needed: values below the block stay where they are until a branch or the end moves them.
        _frames.Add(new ControlFrame(FrameKind.Block, _height - parameters.Length, parameters, results, _il.DefineLabel()));
    }

    private void EmitLoop(BlockType type)
    {
        var (parameters, results) = Signature(type);
        Flush();
        var header = _il.DefineLabel();
        _il.MarkLabel(header);
        _frames.Add(new ControlFrame(FrameKind.Loop, _height - parameters.Length, parameters, results, header));
        // With fuel, the loop header's charge (which follows) checks for interrupts too. A header segment costs 0 only
        // when the loop is empty, and then it cannot iterate; the check is kept for it anyway.
        if (!_fuel || _segmentCosts[_segment + 1] == 0) EmitInterruptCheck();
    }

    private void EmitIf(BlockType type)
    {
        var (parameters, results) = Signature(type);
        EnsureOnStack(1);
        if (_ilBase < _height - 1)
        {
            var condition = Temp(typeof(int));
            _il.Emit(OpCodes.Stloc, condition);
            Pop();
            Flush();
            _il.Emit(OpCodes.Ldloc, condition);
            Release(condition);
            Push(ValueKind.I32);
        }

        Pop();
        var frame = new ControlFrame(FrameKind.If, _height - parameters.Length, parameters, results, _il.DefineLabel())
        {
            ElseLabel = _il.DefineLabel(),
        };

        if (parameters.Length > 0)
        {
            // The then branch may reuse the parameters' slots; keep copies for the else branch.
            frame.SavedParameters = new LocalBuilder[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var saved = _il.DeclareLocal(ClrTypes.Of(parameters[i]));
                _il.Emit(OpCodes.Ldloc, Slot(frame.Height + i, parameters[i]));
                _il.Emit(OpCodes.Stloc, saved);
                frame.SavedParameters[i] = saved;
            }
        }

        _il.Emit(OpCodes.Brfalse, frame.ElseLabel);
        _frames.Add(frame);
    }

    private void EmitElse()
    {
        var frame = _frames[^1];
        if (!frame.Unreachable)
        {
            Flush();
            _il.Emit(OpCodes.Br, frame.Label);
            frame.LabelUsed = true;
        }

        _il.MarkLabel(frame.ElseLabel);
        frame.Kind = FrameKind.Else;
        frame.Unreachable = false;
        ResetStack(frame.Height, frame.Parameters);
        if (frame.SavedParameters is { } saved)
        {
            for (var i = 0; i < saved.Length; i++)
            {
                _il.Emit(OpCodes.Ldloc, saved[i]);
                _il.Emit(OpCodes.Stloc, Slot(frame.Height + i, frame.Parameters[i]));
            }
        }
    }

    private void EmitEnd()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        var reachable = !frame.Unreachable;
        switch (frame.Kind)
        {
            case FrameKind.Function:
                if (reachable)
                {
                    KeepOnlyTop(_type.Results.Count);
                    EmitRet();
                }

                break;
            case FrameKind.Loop:
                // Nothing branches to a loop's end: its values simply stay on the stack.
                if (!reachable) ParentUnreachable(frame);
                break;
            case FrameKind.Block:
                if (!frame.LabelUsed)
                {
                    if (!reachable) ParentUnreachable(frame);
                    break;
                }

                if (reachable) Flush();
                _il.MarkLabel(frame.Label);
                ResetStack(frame.Height, frame.Results);
                break;
            case FrameKind.If:
                // Without else, a false condition jumps here with the parameters (= results) in their slots.
                if (reachable) Flush();
                _il.MarkLabel(frame.ElseLabel);
                _il.MarkLabel(frame.Label);
                ResetStack(frame.Height, frame.Results);
                break;
            case FrameKind.Else:
                if (!frame.LabelUsed && !reachable)
                {
                    ParentUnreachable(frame);
                    break;
                }

                if (reachable) Flush();
                _il.MarkLabel(frame.Label);
                ResetStack(frame.Height, frame.Results);
                break;
        }
    }

    /// <summary>No path reaches the end of <paramref name="frame"/>, so the code after it is dead too.</summary>
    private void ParentUnreachable(ControlFrame frame)
    {
        _frames[^1].Unreachable = true;
        _height = frame.Height;
        _ilBase = _height;
    }

    /// <summary>The rest of the current frame is dead (the IL just ended with an unconditional transfer).</summary>
    private void MarkUnreachable()
    {
        var frame = _frames[^1];
        frame.Unreachable = true;
        _height = frame.Height;
        _ilBase = _height;
    }

    private ControlFrame Target(uint depth) => _frames[_frames.Count - 1 - (int)depth];

    /// <summary>Whether a branch to <paramref name="target"/> must move its values to lower slots first.</summary>
    private bool NeedsCopy(ControlFrame target) => _height - target.BranchTypes.Length != target.Height;

    /// <summary>Copies the branch values (all in slots) into the target's slots.</summary>
    private void CopyBranchValues(ControlFrame target)
    {
        var types = target.BranchTypes;
        var from = _height - types.Length;
        if (from == target.Height) return;
        for (var i = 0; i < types.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, Slot(from + i, types[i]));
            _il.Emit(OpCodes.Stloc, Slot(target.Height + i, types[i]));
        }
    }

    private void EmitBr(uint depth)
    {
        var target = Target(depth);
        if (target.Kind == FrameKind.Function)
        {
            EmitReturn();
            return;
        }

        Flush();
        CopyBranchValues(target);
        _il.Emit(OpCodes.Br, target.Label);
        target.LabelUsed = true;
        MarkUnreachable();
    }

    private void EmitBrIf(uint depth)
    {
        var target = Target(depth);
        EnsureOnStack(1);
        var condition = Temp(typeof(int));
        _il.Emit(OpCodes.Stloc, condition);
        Pop();
        Flush();
        if (target.Kind == FrameKind.Function || NeedsCopy(target))
        {
            var skip = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, condition);
            _il.Emit(OpCodes.Brfalse, skip);
            EmitBranchFromSlots(target);
            _il.MarkLabel(skip);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, condition);
            _il.Emit(OpCodes.Brtrue, target.Label);
            target.LabelUsed = true;
        }

        Release(condition);
    }

    private void EmitBrTable(ref InstructionReader reader)
    {
        EnsureOnStack(1);
        var index = Temp(typeof(int));
        _il.Emit(OpCodes.Stloc, index);
        Pop();
        Flush();

        var byDepth = new Dictionary<uint, Label>();
        var trampolines = new List<(Label Label, ControlFrame Target)>();
        Label LabelFor(uint depth)
        {
            if (byDepth.TryGetValue(depth, out var label)) return label;
            var target = Target(depth);
            if (target.Kind != FrameKind.Function && !NeedsCopy(target))
            {
                label = target.Label;
                target.LabelUsed = true;
            }
            else
            {
                label = _il.DefineLabel();
                trampolines.Add((label, target));
            }

            byDepth.Add(depth, label);
            return label;
        }

        var targets = reader.BrTableTargets;
        var labels = new Label[targets.Count];
        for (var i = 0; targets.TryReadNext(out var depth); i++) labels[i] = LabelFor(depth);
        var fallback = LabelFor(reader.BrTableDefault);
        if (labels.Length > 0)
        {
            _il.Emit(OpCodes.Ldloc, index);
            _il.Emit(OpCodes.Switch, labels);
        }

        _il.Emit(OpCodes.Br, fallback);
        foreach (var (label, target) in trampolines)
        {
            _il.MarkLabel(label);
            EmitBranchFromSlots(target);
        }

        Release(index);
        MarkUnreachable();
    }

    /// <summary>A taken branch whose values are all in slots: copy them for the target and jump, or return.</summary>
    private void EmitBranchFromSlots(ControlFrame target)
    {
        if (target.Kind == FrameKind.Function)
        {
            var results = _type.Results.Count;
            for (var i = _height - results; i < _height; i++) _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
            EmitRet();
            return;
        }

        CopyBranchValues(target);
        _il.Emit(OpCodes.Br, target.Label);
        target.LabelUsed = true;
    }

    private void EmitReturn()
    {
        KeepOnlyTop(_type.Results.Count);
        EmitRet();
        MarkUnreachable();
    }

    /// <summary>The results are on the IL stack: results after the first go to the spill area, then ret.</summary>
    private void EmitRet()
    {
        var results = _type.Results;
        for (var i = results.Count - 1; i >= 1; i--) StoreSpill(i, results[i]);
        SaveFuel();
        _il.Emit(OpCodes.Ret);
    }

    private void StoreSpill(int index, ValueKind kind)
    {
        var reference = ValueKinds.IsReference(kind);
        if (!reference) ToBits(kind);
        var value = Temp(reference ? typeof(object) : typeof(long));
        _il.Emit(OpCodes.Stloc, value);
        _il.Emit(OpCodes.Ldloc, _state);
        _il.Emit(OpCodes.Ldfld, reference ? Members.StateSpillRefs : Members.StateSpillBits);
        DynamicCode.LoadInt(_il, index);
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(reference ? OpCodes.Stelem_Ref : OpCodes.Stelem_I8);
        Release(value);
    }

    private void LoadSpill(int index, ValueKind kind)
    {
        _il.Emit(OpCodes.Ldloc, _state);
        if (ValueKinds.IsReference(kind))
        {
            _il.Emit(OpCodes.Ldfld, Members.StateSpillRefs);
            DynamicCode.LoadInt(_il, index);
            _il.Emit(OpCodes.Ldelem_Ref);
            return;
        }

        _il.Emit(OpCodes.Ldfld, Members.StateSpillBits);
        DynamicCode.LoadInt(_il, index);
        _il.Emit(OpCodes.Ldelem_I8);
        FromBits(kind);
    }

    /// <summary>A numeric value on the IL stack becomes its zero-extended bits as an int64.</summary>
    private void ToBits(ValueKind kind)
    {
        switch (kind)
        {
            case ValueKind.I32:
                _il.Emit(OpCodes.Conv_U8);
                break;
            case ValueKind.F32:
                _il.Emit(OpCodes.Call, Members.SingleToBits);
                _il.Emit(OpCodes.Conv_U8);
                break;
            case ValueKind.F64:
                _il.Emit(OpCodes.Call, Members.DoubleToBits);
                break;
        }
    }

    private void FromBits(ValueKind kind)
    {
        switch (kind)
        {
            case ValueKind.I32:
                _il.Emit(OpCodes.Conv_I4);
                break;
            case ValueKind.F32:
                _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.Call, Members.BitsToSingle);
                break;
            case ValueKind.F64:
                _il.Emit(OpCodes.Call, Members.BitsToDouble);
                break;
        }
    }

    /// <summary>After a call: the first result is on the IL stack; the others are read from the spill area.</summary>
    private void PushResults(FuncType type)
    {
        var results = type.Results;
        if (results.Count == 0) return;
        Push(results[0]);
        for (var i = 1; i < results.Count; i++)
        {
            LoadSpill(i, results[i]);
            Push(results[i]);
        }
    }

    private void EmitCall(uint functionIndex)
    {
        var type = _info.GetFunctionType(functionIndex);
        EnsureOnStack(type.Parameters.Count);
        Pop(type.Parameters.Count);
        SaveFuel();
        if (functionIndex < _info.ImportedFunctionCount)
        {
            // An import may live in another instance or the host: call through its function reference.
            var callee = Temp(typeof(Func));
            DynamicCode.LoadArg(_il, _contextArg);
            _il.Emit(OpCodes.Ldfld, Members.ContextFunctions);
            DynamicCode.LoadInt(_il, (int)functionIndex);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, callee);
            EmitCalli(callee, type);
            Release(callee);
        }
        else
        {
            DynamicCode.LoadArg(_il, _contextArg);
            LoadNextDepth();
            _il.Emit(OpCodes.Call, _module.Methods[(int)functionIndex - _info.ImportedFunctionCount]);
        }

        AfterCall(type);
    }

    /// <summary>After a call: push the results, and reload what the callee may have changed.</summary>
    private void AfterCall(FuncType type)
    {
        PushResults(type);
        LoadFuel();
        ReloadMemory();
    }

    private void EmitCallIndirect(uint typeIndex, uint tableIndex)
    {
        var type = _info.Types[(int)typeIndex];
        EnsureOnStack(type.Parameters.Count + 1);
        var index = Temp(typeof(int));
        _il.Emit(OpCodes.Stloc, index);
        Pop(type.Parameters.Count + 1);

        var elements = Temp(typeof(object[]));
        LoadTable(tableIndex);
        _il.Emit(OpCodes.Ldfld, Members.TableElements);
        _il.Emit(OpCodes.Stloc, elements);
        var inBounds = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldloc, elements);
        _il.Emit(OpCodes.Ldlen);
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Blt_Un, inBounds);
        EmitTrap(Errors.TrapCode.TableOutOfBounds);
        _il.MarkLabel(inBounds);

        var callee = Temp(typeof(Func));
        _il.Emit(OpCodes.Ldloc, elements);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldelem_Ref);
        _il.Emit(OpCodes.Call, Members.AsFunc);
        _il.Emit(OpCodes.Stloc, callee);
        Release(elements);
        Release(index);

        var notNull = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, callee);
        _il.Emit(OpCodes.Brtrue, notNull);
        EmitTrap(Errors.TrapCode.IndirectCallToNull);
        _il.MarkLabel(notNull);

        var typeOk = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, callee);
        _il.Emit(OpCodes.Ldfld, Members.FuncTypeId);
        DynamicCode.LoadInt(_il, _module.TypeIds[typeIndex]);
        _il.Emit(OpCodes.Beq, typeOk);
        EmitTrap(Errors.TrapCode.BadSignature);
        _il.MarkLabel(typeOk);

        SaveFuel();
        EmitCalli(callee, type);
        Release(callee);
        AfterCall(type);
    }

    /// <summary>Calls the function reference in <paramref name="callee"/>; the arguments are on the IL stack.</summary>
    private void EmitCalli(LocalBuilder callee, FuncType type)
    {
        _il.Emit(OpCodes.Ldloc, callee);
        _il.Emit(OpCodes.Ldfld, Members.FuncContext);
        LoadNextDepth();
        _il.Emit(OpCodes.Ldloc, callee);
        _il.Emit(OpCodes.Ldfld, Members.FuncCode);
        _il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, ClrTypes.ReturnType(type), ClrTypes.ParameterTypes(type), null);
    }

    private void LoadNextDepth()
    {
        DynamicCode.LoadArg(_il, _depthArg);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
    }

    private void LoadTable(uint tableIndex)
    {
        DynamicCode.LoadArg(_il, _contextArg);
        _il.Emit(OpCodes.Ldfld, Members.ContextTables);
        DynamicCode.LoadInt(_il, (int)tableIndex);
        _il.Emit(OpCodes.Ldelem_Ref);
    }
}
