namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Typed delegates over a function (<see cref="Instance.GetFunction{T1, TResult}"/> and friends): they call its
/// compiled code through a function pointer typed with the delegate's own types, so arguments and the result
/// travel without <see cref="Value"/> conversions or allocations. int, long, float and double are i32, i64, f32
/// and f64; <see cref="Func"/> and object are funcref and externref, which compiled code passes as object.
/// When the calling thread's stack has too little room, the call falls back to the <see cref="Value"/> path,
/// which moves to a guest thread.
/// </summary>
internal sealed unsafe class TypedCall(Func func)
{
    private readonly ExecutionState _state = func.Context.State;
    private readonly InstanceContext _context = func.Context;
    private readonly nint _code = func.Code;


    /// <summary>Calls a function of 0 parameters and one result.</summary>
    public TResult Function0<TResult>()
    {
        if (!GuestCalls.TryEnter(_state, out var scope)) return Fallback<TResult>([]);
        try
        {
            return ((delegate*<InstanceContext, int, TResult>)_code)(_context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 0 parameters and no results.</summary>
    public void Action0()
    {
        if (!GuestCalls.TryEnter(_state, out var scope))
        {
            Fallback([]);
            return;
        }

        try
        {
            ((delegate*<InstanceContext, int, void>)_code)(_context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 1 parameters and one result.</summary>
    public TResult Function1<T1, TResult>(T1 a1)
    {
        if (!GuestCalls.TryEnter(_state, out var scope)) return Fallback<TResult>([TypedValues.ToValue(a1)]);
        try
        {
            return ((delegate*<T1, InstanceContext, int, TResult>)_code)(a1, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 1 parameters and no results.</summary>
    public void Action1<T1>(T1 a1)
    {
        if (!GuestCalls.TryEnter(_state, out var scope))
        {
            Fallback([TypedValues.ToValue(a1)]);
            return;
        }

        try
        {
            ((delegate*<T1, InstanceContext, int, void>)_code)(a1, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 2 parameters and one result.</summary>
    public TResult Function2<T1, T2, TResult>(T1 a1, T2 a2)
    {
        if (!GuestCalls.TryEnter(_state, out var scope)) return Fallback<TResult>([TypedValues.ToValue(a1), TypedValues.ToValue(a2)]);
        try
        {
            return ((delegate*<T1, T2, InstanceContext, int, TResult>)_code)(a1, a2, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 2 parameters and no results.</summary>
    public void Action2<T1, T2>(T1 a1, T2 a2)
    {
        if (!GuestCalls.TryEnter(_state, out var scope))
        {
            Fallback([TypedValues.ToValue(a1), TypedValues.ToValue(a2)]);
            return;
        }

        try
        {
            ((delegate*<T1, T2, InstanceContext, int, void>)_code)(a1, a2, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 3 parameters and one result.</summary>
    public TResult Function3<T1, T2, T3, TResult>(T1 a1, T2 a2, T3 a3)
    {
        if (!GuestCalls.TryEnter(_state, out var scope)) return Fallback<TResult>([TypedValues.ToValue(a1), TypedValues.ToValue(a2), TypedValues.ToValue(a3)]);
        try
        {
            return ((delegate*<T1, T2, T3, InstanceContext, int, TResult>)_code)(a1, a2, a3, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    /// <summary>Calls a function of 3 parameters and no results.</summary>
    public void Action3<T1, T2, T3>(T1 a1, T2 a2, T3 a3)
    {
        if (!GuestCalls.TryEnter(_state, out var scope))
        {
            Fallback([TypedValues.ToValue(a1), TypedValues.ToValue(a2), TypedValues.ToValue(a3)]);
            return;
        }

        try
        {
            ((delegate*<T1, T2, T3, InstanceContext, int, void>)_code)(a1, a2, a3, _context, scope.Depth);
        }
        catch (Exception ex)
        {
            GuestCalls.Rethrow(ex);
            throw;
        }
        finally
        {
            GuestCalls.Exit(_state, scope);
        }
    }

    private TResult Fallback<TResult>(Value[] args)
    {
        var results = new Value[1];
        GuestCalls.Call(func, args, results);
        return TypedValues.FromValue<TResult>(results[0]);
    }

    private void Fallback(Value[] args) => GuestCalls.Call(func, args, []);
}
