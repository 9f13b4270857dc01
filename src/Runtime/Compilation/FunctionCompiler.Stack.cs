using System.Reflection.Emit;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>The compile-time operand stack: which values are on the IL evaluation stack, which in slot locals.</summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Records a value just pushed onto the IL evaluation stack.</summary>
    private void Push(ValueKind kind, Origin origin = Origin.Computed)
    {
        if (_height == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
            Array.Resize(ref _origins, _stack.Length);
        }

        _origins[_height] = origin;
        _stack[_height++] = kind;
    }

    /// <summary>How the value at <paramref name="depth"/> below the top was made.</summary>
    private Origin OriginAt(int depth) => _origins[_height - 1 - depth];

    /// <summary>Forgets the top value (its IL part, if any, was consumed by the emitted instruction).</summary>
    private ValueKind Pop()
    {
        var kind = _stack[--_height];
        if (_ilBase > _height) _ilBase = _height;
        return kind;
    }

    private void Pop(int count)
    {
        for (var i = 0; i < count; i++) Pop();
    }

    private ValueKind Peek(int depth = 0) => _stack[_height - 1 - depth];

    /// <summary>Makes the top <paramref name="count"/> values sit on the IL evaluation stack, in order.</summary>
    private void EnsureOnStack(int count)
    {
        var first = _height - count;
        if (_ilBase <= first) return;
        // Some are in slots. Whatever is on the IL stack lies within the top values: park it, then load all.
        for (var i = _height - 1; i >= _ilBase; i--) _il.Emit(OpCodes.Stloc, Slot(i, _stack[i]));
        for (var i = first; i < _height; i++) _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
        _ilBase = first;
    }

    /// <summary>Moves every value on the IL evaluation stack into its slot, leaving the IL stack empty.</summary>
    private void Flush()
    {
        for (var i = _height - 1; i >= _ilBase; i--) _il.Emit(OpCodes.Stloc, Slot(i, _stack[i]));
        _ilBase = _height;
    }

    /// <summary>Leaves exactly the top <paramref name="count"/> values on the IL evaluation stack (for ret).</summary>
    private void KeepOnlyTop(int count)
    {
        if (_ilBase == _height - count) return;
        Flush();
        for (var i = _height - count; i < _height; i++) _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
        _ilBase = _height - count;
    }

    /// <summary>After a label: the stack is <paramref name="height"/> values plus <paramref name="kinds"/>, all in slots.</summary>
    private void ResetStack(int height, ValueKind[] kinds)
    {
        _height = height;
        foreach (var kind in kinds) Push(kind);
        _ilBase = _height;
    }

    /// <summary>The local holding stack position <paramref name="position"/> when it has type <paramref name="kind"/>.</summary>
    private LocalBuilder Slot(int position, ValueKind kind)
    {
        var key = ((long)position << 8) | (byte)kind;
        if (!_slots.TryGetValue(key, out var local))
        {
            local = _il.DeclareLocal(ClrTypes.Of(kind));
            _slots.Add(key, local);
        }

        return local;
    }

    /// <summary>A scratch local, to give back with <see cref="Release"/> once its value is consumed.</summary>
    private LocalBuilder Temp(Type type) =>
        _freeTemps.TryGetValue(type, out var free) && free.TryPop(out var local) ? local : _il.DeclareLocal(type);

    private void Release(LocalBuilder local)
    {
        if (!_freeTemps.TryGetValue(local.LocalType, out var free)) _freeTemps[local.LocalType] = free = new Stack<LocalBuilder>();
        free.Push(local);
    }

    /// <summary>The IL local of declared local <paramref name="index"/> (parameters excluded), declared on first use.</summary>
    private LocalBuilder Local(int index) =>
        _locals[index] ??= _il.DeclareLocal(ClrTypes.Of(_body.GetLocalType(index)));

    private ValueKind LocalKind(uint index) =>
        index < _parameterCount ? _type.Parameters[(int)index] : _body.GetLocalType((int)index - _parameterCount);
}
