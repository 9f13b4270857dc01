using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

/// <summary>Builds clients for the API server double, through a real kubeconfig.</summary>
internal static class KubeTestClient
{
    /// <summary>Fast retries by default so failure tests do not wait seconds.</summary>
    public static KubeClientOptions FastOptions { get; } = new()
    {
        Qps = 0,
        RetryInitialDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>A client authenticated with the double's token and verifying it with its CA file.</summary>
    public static KubeClient Connect(KubeApiServerDouble api, KubeClientOptions? options = null, TimeProvider? time = null, TestLogger<KubeClient>? logger = null) =>
        new(KubeConfigLoader.FromYaml(api.Kubeconfig(), api.Certificates.Directory), options ?? FastOptions, time ?? TimeProvider.System, logger ?? new TestLogger<KubeClient>());
}
