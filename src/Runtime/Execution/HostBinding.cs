namespace EdgeWasm.Runtime.Execution;

/// <summary>Binds a host function into a store: a context that knows the importing instance, and a function
/// reference whose code is the engine's host thunk for the function's type.</summary>
internal static class HostBinding
{
    public static Func Bind(Store store, HostFunction host, Instance? callerInstance)
    {
        var engine = store.Engine;
        var typeId = engine.TypeIds.GetId(host.Type);
        var thunks = engine.Thunks.Get(host.Type);
        var context = new InstanceContext(store.State, host) { CallerInstance = callerInstance };
        store.State.EnsureSpillCapacity(host.Type.Results.Count);
        return new Func(host.Type, typeId, host.TypedCode != 0 ? host.TypedCode : thunks.Host, thunks.Entry, context, -1);
    }
}
