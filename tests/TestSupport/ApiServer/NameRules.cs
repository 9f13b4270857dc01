using System.Text.RegularExpressions;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>The API's validation of names, label keys and label values (apimachinery validation).</summary>
internal static partial class NameRules
{
    /// <summary>An RFC 1123 subdomain (object names), or an error message.</summary>
    public static string? Subdomain(string value)
    {
        if (value.Length > 253) return "must be no more than 253 characters";
        return SubdomainRegex().IsMatch(value) ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }

    /// <summary>An RFC 1123 label (namespace names), or an error message.</summary>
    public static string? Label(string value)
    {
        if (value.Length > 63) return "must be no more than 63 characters";
        return DnsLabelRegex().IsMatch(value) ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }

    /// <summary>A qualified name (label key), or an error message.</summary>
    public static string? QualifiedName(string value)
    {
        var parts = value.Split('/');
        var name = parts[^1];
        if (parts.Length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'";
        if (parts.Length == 2 && (parts[0].Length == 0 || Subdomain(parts[0]) is not null)) return "prefix part " + (Subdomain(parts[0]) ?? "must be non-empty");
        if (name.Length == 0 || name.Length > 63 || !QualifiedNameRegex().IsMatch(name))
        {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        }

        return null;
    }

    /// <summary>A label value, or an error message.</summary>
    public static string? LabelValue(string value)
    {
        if (value.Length > 63) return "must be no more than 63 characters";
        return value.Length == 0 || QualifiedNameRegex().IsMatch(value) ? null
            : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabelRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();
}
