namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// Every spec command the runner does not run, in one place, with the reason. A skip is a gap, not a pass.
/// <list type="bullet">
/// <item>Text-format <c>assert_malformed</c> (a .wat module that must fail to parse): the engine reads binaries only.</item>
/// </list>
/// No other command is skipped.
/// </summary>
public static class SpecSkips
{
    /// <summary>Why <paramref name="command"/> is skipped, or null when it runs.</summary>
    public static string? Reason(SpecCommand command) =>
        command.Kind == SpecCommandKind.AssertMalformed && command.Format == SpecModuleFormat.Text
            ? "text-format assert_malformed: the engine reads binaries only"
            : null;
}
