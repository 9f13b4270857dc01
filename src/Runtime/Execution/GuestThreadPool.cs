using System.Runtime.ExceptionServices;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Threads with a stack of a known, configured size for guest code, used when the calling thread has too
/// little stack left. A caller hands its work to an idle thread and blocks until it is done; threads idle for
/// <see cref="IdleTimeout"/> exit.
/// </summary>
internal sealed class GuestThreadPool(int stackSize) : IDisposable
{
    /// <summary>How long an unused thread waits for work before it exits.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Stack<Worker> _idle = [];
    private bool _disposed;

    /// <summary>The stack size of each thread.</summary>
    public int StackSize { get; } = stackSize;

    /// <summary>Runs <paramref name="work"/> on a guest thread and waits; its exception is rethrown here.</summary>
    public void Run(Action work)
    {
        Worker? worker;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _idle.TryPop(out worker);
        }

        worker ??= new Worker(this);
        worker.Execute(work);
    }

    /// <summary>Stops the idle threads; busy ones stop when they finish.</summary>
    public void Dispose()
    {
        Worker[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var worker in idle) worker.Stop();
    }

    // Returns a worker to the idle stack; false if the pool is disposed and the worker should exit.
    private bool Return(Worker worker)
    {
        lock (_gate)
        {
            if (_disposed) return false;
            _idle.Push(worker);
            return true;
        }
    }

    // True if the worker was idle and is now removed, so it may exit.
    private bool Retire(Worker worker)
    {
        lock (_gate)
        {
            if (!_idle.Contains(worker)) return false;
            var keep = _idle.Where(w => w != worker).Reverse().ToArray();
            _idle.Clear();
            foreach (var w in keep) _idle.Push(w);
            return true;
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly GuestThreadPool _pool;
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private Action? _work;
        private ExceptionDispatchInfo? _error;
        private volatile bool _stop;

        public Worker(GuestThreadPool pool)
        {
            _pool = pool;
            var thread = new Thread(Loop, pool.StackSize) { IsBackground = true, Name = "edgewasm-guest" };
            thread.Start();
        }

        public void Execute(Action work)
        {
            _work = work;
            _error = null;
            _start.Release();
            _done.Wait();
            var error = _error;
            _error = null;
            if (!_pool.Return(this)) Stop();
            error?.Throw();
        }

        public void Stop()
        {
            _stop = true;
            _start.Release();
        }

        public void Dispose()
        {
            _start.Dispose();
            _done.Dispose();
        }

        private unsafe void Loop()
        {
            // Where this thread's stack ends, if the OS cannot say: below the current frame by the requested
            // size, less what thread start-up may already have used above us.
            byte marker;
            if (!StackBounds.TryGetLow(out _))
            {
                StackBounds.SetCurrent((nuint)(&marker) - (nuint)_pool.StackSize + (nuint)GuestCalls.ThreadStartSlack);
            }

            // The worker owns its semaphores; nobody else touches them once the loop ends.
            using var self = this;
            while (true)
            {
                if (!_start.Wait(IdleTimeout))
                {
                    if (_pool.Retire(this)) return;
                    continue;
                }

                if (_stop) return;
                try
                {
                    _work!();
                }
                catch (Exception ex)
                {
                    _error = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    _work = null;
                    _done.Release();
                }
            }
        }
    }
}
