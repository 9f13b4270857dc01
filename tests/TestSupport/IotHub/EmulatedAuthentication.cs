namespace EdgeWasm.TestSupport.IotHub;

/// <summary>How an emulated device proves who it is.</summary>
public enum EmulatedAuthentication
{
    /// <summary>SAS tokens signed with the device's symmetric key.</summary>
    Sas,
    /// <summary>An X.509 certificate whose SHA-1 thumbprint is registered (IoT Hub's "selfSigned").</summary>
    SelfSigned,
    /// <summary>An X.509 certificate issued by a CA the hub trusts, with the device id as its common name.</summary>
    CertificateAuthority,
}
