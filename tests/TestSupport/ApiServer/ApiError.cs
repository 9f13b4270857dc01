using System.Text.Json.Nodes;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>An error answer with a metav1.Status body shaped as the real API server shapes it.</summary>
internal sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Code { get; } = code;

    /// <summary>Status reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>Seconds for a Retry-After header, if any.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The Status object.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (details is not null) status["details"] = details.DeepClone();
        status["code"] = Code;
        return status;
    }

    /// <summary>404 for an object.</summary>
    public static ApiError NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", Details(resource, name));

    /// <summary>409 AlreadyExists on create.</summary>
    public static ApiError AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", Details(resource, name));

    /// <summary>409 Conflict: stale resourceVersion.</summary>
    public static ApiError Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", Details(resource, name));

    /// <summary>409 Conflict: a precondition (uid, resourceVersion) failed.</summary>
    public static ApiError PreconditionFailed(ApiResource resource, string name, string what, string expected, string actual) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": Precondition failed: {what} in precondition: {expected}, {what} in object meta: {actual}", Details(resource, name));

    /// <summary>422 Invalid with one cause.</summary>
    public static ApiError Invalid(ApiResource resource, string name, string field, string detail, string causeReason = "FieldValueInvalid")
    {
        var details = Details(resource, name);
        details["kind"] = resource.Kind;
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = detail, ["field"] = field });
        return new(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {field}: {detail}", details);
    }

    /// <summary>400 BadRequest.</summary>
    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410 Expired: a resourceVersion or continue token is older than the history kept.</summary>
    public static ApiError Expired(string message) => new(410, "Expired", message);

    private static JsonObject Details(ApiResource resource, string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0) d["group"] = resource.Group;
        d["kind"] = resource.Plural;
        return d;
    }
}
