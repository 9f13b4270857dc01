using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>What translation needs from a device's hardware profile.</summary>
/// <param name="FuelPerCoreSecond">Fuel one core burns per second on this hardware: <c>limits.cpu</c> × this = fuel per second.</param>
/// <param name="Allocatable">What the device offers; limits that a pod leaves unset read these (as the kubelet reads node allocatable).</param>
internal sealed record TranslationProfile(long FuelPerCoreSecond, DeviceCapacity Allocatable);
