namespace EdgeWasm.Runtime.Errors;

/// <summary>Why guest execution stopped abnormally.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,
    /// <summary>A load, store or bulk memory operation went out of the memory's bounds.</summary>
    MemoryOutOfBounds,
    /// <summary>A table access or bulk table operation went out of the table's bounds.</summary>
    TableOutOfBounds,
    /// <summary>call_indirect found a null element.</summary>
    IndirectCallToNull,
    /// <summary>call_indirect found a function of another type.</summary>
    BadSignature,
    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivisionByZero,
    /// <summary>Signed division overflow (MIN / -1), or a trapping float-to-int conversion out of range.</summary>
    IntegerOverflow,
    /// <summary>A trapping float-to-int conversion of NaN.</summary>
    BadConversionToInteger,
    /// <summary>The call depth limit or the guest stack ran out.</summary>
    CallStackExhausted,
    /// <summary>Fuel metering is on and the store's fuel ran out.</summary>
    OutOfFuel,
    /// <summary>Another thread interrupted the guest (cancel or deadline).</summary>
    Interrupted,
    /// <summary>A host function failed; the host's exception is the InnerException.</summary>
    HostError,
    /// <summary>An element segment was used after being dropped, or an uninitialized element was read.</summary>
    UninitializedElement,
}
