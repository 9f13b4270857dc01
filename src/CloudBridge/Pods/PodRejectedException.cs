namespace EdgeWasm.CloudBridge.Pods;

/// <summary>Thrown inside translation when the pod uses something unsupported; becomes <see cref="PodTranslation.Rejection"/>.</summary>
internal sealed class PodRejectedException(string message) : Exception(message);
