namespace EdgeWasm.Runtime.Execution;

/// <summary>What a host-to-guest entry changed in the store's state, to restore on the way out, and the call
/// depth the guest starts at.</summary>
internal readonly record struct EntryScope(nuint StackLimit, int ValueTop, Thread? ActiveThread, int CurrentDepth, int Depth);
