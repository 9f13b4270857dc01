using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>
/// Turns an options class's own <c>Validate()</c> (which throws <see cref="ArgumentException"/> naming the bad value)
/// into start-time validation, so the store, supervisor and registry options fail the agent's start with that message.
/// </summary>
internal sealed class CheckedOptionsValidator<TOptions>(string section, Action<TOptions> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"{section}: {ex.Message}");
        }
    }
}
