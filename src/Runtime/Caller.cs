using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>
/// What a host function sees of its caller: the store, the host data, fuel, and the exports of the
/// instance that imported the function (typically its memory). Valid only during the call.
/// </summary>
public readonly struct Caller
{
    private readonly InstanceContext _context;

    internal Caller(InstanceContext context) => _context = context;

    /// <summary>The store the call runs in.</summary>
    public Store Store => _context.State.Store;

    /// <summary>The store's host data.</summary>
    public object? Data => _context.State.Store.Data;

    /// <summary>The instance that imported the host function (also while its start function runs); null for a
    /// function made with <see cref="Func.FromCallback"/>, which belongs to no instance.</summary>
    public Instance? Instance => _context.CallerInstance;

    /// <summary>The calling instance's exported memory named <paramref name="exportName"/>, or null.</summary>
    public Memory? GetMemory(string exportName) => _context.CallerInstance?.GetMemory(exportName);

    /// <summary>The calling instance's exported function named <paramref name="exportName"/>, or null.</summary>
    public Func? GetFunction(string exportName) => _context.CallerInstance?.GetFunction(exportName);

    /// <summary>The calling instance's exported global named <paramref name="exportName"/>, or null.</summary>
    public Global? GetGlobal(string exportName) => _context.CallerInstance?.GetGlobal(exportName);

    /// <summary>The calling instance's exported table named <paramref name="exportName"/>, or null.</summary>
    public Table? GetTable(string exportName) => _context.CallerInstance?.GetTable(exportName);

    /// <summary>Fuel left in the store (fuel metering must be on).</summary>
    public ulong GetFuel() => Store.GetFuel();

    /// <summary>Adds fuel to the store (fuel metering must be on).</summary>
    public void AddFuel(ulong fuel) => Store.AddFuel(fuel);

    /// <summary>Consumes <paramref name="fuel"/> units, e.g. for expensive host work; traps with OutOfFuel when not enough is left
    /// and <see cref="Store.OnFuelExhausted"/> adds none.</summary>
    public void ConsumeFuel(ulong fuel)
    {
        var state = _context.State;
        if (!Store.Engine.Options.ConsumeFuel) return;
        if (fuel > long.MaxValue) throw Traps.Create(Errors.TrapCode.OutOfFuel);
        if ((long)fuel > state.Fuel) FuelRefill.Ensure(state, (long)fuel, -1);
        state.Fuel -= (long)fuel;
    }
}
