using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

/// <summary>A fresh API server double and a client for it, per test.</summary>
public abstract class DoubleTestBase : IAsyncLifetime
{
    internal KubeApiServerDouble Api { get; private set; } = null!;

    internal KubeClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = KubeApiServerDouble.Start();
        Client = KubeTestClient.Connect(Api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
