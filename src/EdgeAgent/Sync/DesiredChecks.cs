using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>
/// The semantic check a cloud link runs on a decoded desired document before storing it: a document the supervisor
/// would refuse is refused at the link instead, so the cloud hears why (on <c>rejected</c> or in the twin) and the
/// device keeps running the document it has.
/// </summary>
internal static class DesiredChecks
{
    // The refusal travels in a small envelope (16 KiB); a document with thousands of problems is summarised.
    private const int MaxReasonChars = 4000;

    /// <summary>Why <paramref name="desired"/> cannot be applied on <paramref name="deviceId"/>, or null when it can.</summary>
    public static string? Problem(DesiredState desired, string deviceId)
    {
        var errors = DesiredStateValidator.Validate(desired, deviceId);
        if (errors.Count == 0) return null;

        var reason = $"invalid desired document version {desired.Version}: ";
        for (var i = 0; i < errors.Count; i++)
        {
            var next = (i == 0 ? "" : "; ") + errors[i];
            if (reason.Length + next.Length > MaxReasonChars)
            {
                return reason + $" … and {errors.Count - i} more problems";
            }

            reason += next;
        }

        return reason;
    }
}
