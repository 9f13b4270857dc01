using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Wasi;

/// <summary>
/// Blocking WASI calls (stdin reads, sleeps in poll_oneoff, accept, socket reads) wait on the store's interrupt
/// token; when it fires they leave with an Interrupted trap, the same trap the engine raises in guest code.
/// </summary>
internal static class Interruption
{
    /// <summary>Waits for <paramref name="task"/> or the interrupt, whichever comes first.</summary>
    public static void Wait(Task task, CancellationToken interrupt)
    {
        if (task.IsCompleted) return;
        try
        {
            task.Wait(interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            throw Trap();
        }
        catch (AggregateException)
        {
            // The caller inspects the faulted task and turns its exception into an errno.
        }
    }

    /// <summary>Waits until one of <paramref name="tasks"/> completes or the interrupt fires.</summary>
    public static void WaitAny(Task[] tasks, CancellationToken interrupt)
    {
        try
        {
            Task.WaitAny(tasks, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            throw Trap();
        }
    }

    /// <summary>Throws the Interrupted trap if the interrupt has already fired.</summary>
    public static void ThrowIfInterrupted(CancellationToken interrupt)
    {
        if (interrupt.IsCancellationRequested) throw Trap();
    }

    private static WasmTrapException Trap() =>
        new(TrapCode.Interrupted, "the store was interrupted while the guest was blocked in a WASI call");
}
