using EdgeWasm.Protocol.Profiles;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Profiles;

/// <summary>Fails the agent's start when the profile is missing, unknown or invalid, with the loader's message.</summary>
internal sealed class ProfileOptionsValidator : IValidateOptions<ProfileOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            return ValidateOptionsResult.Fail($"a hardware profile is required (--profile NAME); known profiles: {string.Join(", ", new ProfileLoader(options.Directory).Names())}");
        }

        try
        {
            new ProfileLoader(options.Directory).Load(options.Name);
            return ValidateOptionsResult.Success;
        }
        catch (ProfileException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
