namespace EdgeWasm.TestSupport.IotHub;

/// <summary>A shared access policy of the emulated hub.</summary>
/// <param name="Name">The policy's name (<c>skn</c> in its tokens).</param>
/// <param name="Key">Its base64 key.</param>
/// <param name="Permissions">What its tokens may do.</param>
internal sealed record EmulatedPolicy(string Name, string Key, IotHubPermissions Permissions);
