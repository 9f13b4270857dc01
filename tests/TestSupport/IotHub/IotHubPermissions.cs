namespace EdgeWasm.TestSupport.IotHub;

/// <summary>The permissions of an IoT Hub shared access policy.</summary>
[Flags]
public enum IotHubPermissions
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Read the identity registry (and query twins).</summary>
    RegistryRead = 1,
    /// <summary>Create, update and delete device identities.</summary>
    RegistryWrite = 2,
    /// <summary>The service-facing endpoints: twins, direct methods.</summary>
    ServiceConnect = 4,
    /// <summary>The device-facing endpoints.</summary>
    DeviceConnect = 8,
}
