using EdgeWasm.Runtime.Compilation;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>
/// Compiles and runs WebAssembly with one set of <see cref="EngineOptions"/>. Thread-safe and meant to be
/// shared: modules compiled by it run in any of its stores. Owns the threads guest code runs on when the
/// calling thread's stack is too small, so dispose it when done.
/// </summary>
public sealed class Engine : IDisposable
{
    /// <summary>Creates an engine; <paramref name="options"/> defaults to <c>new EngineOptions()</c>.</summary>
    public Engine(EngineOptions? options = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("EdgeWasm needs a little-endian machine");
        Options = options ?? new EngineOptions();
        GuestThreads = new GuestThreadPool(Options.GuestStackSize + GuestCalls.HostStackReserve + GuestCalls.ThreadStartSlack);
    }

    /// <summary>The options this engine compiles and runs with.</summary>
    public EngineOptions Options { get; }

    internal FuncTypeRegistry TypeIds { get; } = new();

    internal ThunkCache Thunks { get; } = new();

    internal GuestThreadPool GuestThreads { get; }

    /// <summary>Stops the engine's idle guest threads.</summary>
    public void Dispose() => GuestThreads.Dispose();
}
