using System.Collections.Concurrent;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// Canonical ids of function types within an engine: structurally equal types get the same id, so
/// call_indirect checks a signature with one integer comparison, across modules and host functions.
/// </summary>
internal sealed class FuncTypeRegistry
{
    private readonly ConcurrentDictionary<FuncType, int> _ids = new();
    private int _next;

    public int GetId(FuncType type) => _ids.GetOrAdd(type, static (_, self) => Interlocked.Increment(ref self._next), this);
}
