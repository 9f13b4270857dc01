using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>
/// The emulator's service API over HTTPS (Kestrel): device identities (<c>PUT/GET/DELETE /devices/{id}</c>), twins
/// (<c>GET/PATCH /twins/{id}</c> with If-Match), the twin query (<c>POST /devices/query</c> with continuation) and
/// direct methods (<c>POST /twins/{id}/methods</c>), each behind a shared access policy's SAS token with the
/// permission IoT Hub requires for it.
/// </summary>
internal sealed partial class EmulatorRestApi : IAsyncDisposable
{
    private const int DefaultPageSize = 100;
    private readonly IotHubEmulator _hub;
    private readonly WebApplication _app;

    private EmulatorRestApi(IotHubEmulator hub, WebApplication app)
    {
        _hub = hub;
        _app = app;
    }

    public int Port { get; private set; }

    public static async Task<EmulatorRestApi> StartAsync(IotHubEmulator hub, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var api = new EmulatorRestApi(hub, app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Port = new Uri(address).Port;
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value!.Trim('/').Split('/');
        var (permission, route) = (request.Method, segments) switch
        {
            ("PUT", ["devices", var id]) => (IotHubPermissions.RegistryWrite, (Func<Task>)(() => PutDeviceAsync(context, Unescape(id)))),
            ("GET", ["devices", var id]) => (IotHubPermissions.RegistryRead, () => GetDeviceAsync(context, Unescape(id))),
            ("DELETE", ["devices", var id]) when id != "query" => (IotHubPermissions.RegistryWrite, () => DeleteDeviceAsync(context, Unescape(id))),
            ("POST", ["devices", "query"]) => (IotHubPermissions.RegistryRead | IotHubPermissions.ServiceConnect, () => QueryAsync(context)),
            ("GET", ["twins", var id]) => (IotHubPermissions.ServiceConnect, () => GetTwinAsync(context, Unescape(id))),
            ("PATCH", ["twins", var id]) => (IotHubPermissions.ServiceConnect, () => PatchTwinAsync(context, Unescape(id))),
            ("POST", ["twins", var id, "methods"]) => (IotHubPermissions.ServiceConnect, () => InvokeAsync(context, Unescape(id))),
            _ => (IotHubPermissions.None, (Func<Task>?)null),
        };
        if (route is null)
        {
            await ErrorAsync(context, 404, "NotFound", $"{request.Method} {request.Path} is not an IoT Hub service endpoint");
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "InvalidProtocolVersion", "the api-version query parameter is required");
            return;
        }

        if (Authorize(request, permission) is { } denied)
        {
            await ErrorAsync(context, 401, "IotHubUnauthorizedAccess", denied);
            return;
        }

        if (request.Method is "PUT" or "PATCH" or "POST" && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await ErrorAsync(context, 400, "InvalidContentEncodingOrType", "the body must be application/json");
            return;
        }

        await route();
    }

    // Null when the request carries a valid policy token with one of the needed permissions; else why not.
    private string? Authorize(HttpRequest request, IotHubPermissions needed)
    {
        var fields = EmulatorSas.Parse(request.Headers.Authorization.ToString(), out var reason);
        if (fields is null) return "Authorization: " + reason;
        if (!fields.TryGetValue("skn", out var name)) return "the service API needs a shared access policy's token (skn)";
        var policy = _hub.Policy(Uri.UnescapeDataString(name));
        if (policy is null) return $"shared access policy '{Uri.UnescapeDataString(name)}' does not exist";
        var target = $"{_hub.HostName}{request.Path.Value}".TrimEnd('/');
        // A token's resource is a URI prefix by segment: the hub, or a path below it.
        bool Scope(string sr) => target.Equals(sr, StringComparison.OrdinalIgnoreCase) || target.StartsWith(sr.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
        if (EmulatorSas.Verify(fields, policy.Key, Scope, _hub.Time.GetUtcNow()) is { } problem) return problem;
        return (policy.Permissions & needed) != 0 ? null : $"policy '{policy.Name}' lacks {needed}";
    }

    private async Task PutDeviceAsync(HttpContext context, string id)
    {
        if (!IsValidDeviceId(id))
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", $"device id '{id}' is not valid");
            return;
        }

        var body = await ReadObjectAsync(context);
        if (body is null) return;
        if (body["deviceId"]?.GetValue<string>() != id)
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", "the body's deviceId must be the URL's device id");
            return;
        }

        var authentication = body["authentication"] as JsonObject;
        var type = authentication?["type"]?.GetValue<string>() ?? "sas";
        EmulatedAuthentication kind;
        switch (type)
        {
            case "sas": kind = EmulatedAuthentication.Sas; break;
            case "selfSigned": kind = EmulatedAuthentication.SelfSigned; break;
            case "certificateAuthority": kind = EmulatedAuthentication.CertificateAuthority; break;
            default:
                await ErrorAsync(context, 400, "ArgumentInvalid", $"authentication type '{type}' is not sas, selfSigned or certificateAuthority");
                return;
        }

        var primary = Text(authentication?["symmetricKey"]?["primaryKey"]);
        var secondary = Text(authentication?["symmetricKey"]?["secondaryKey"]);
        var primaryThumbprint = Text(authentication?["x509Thumbprint"]?["primaryThumbprint"]);
        var secondaryThumbprint = Text(authentication?["x509Thumbprint"]?["secondaryThumbprint"]);
        if (kind == EmulatedAuthentication.SelfSigned && primaryThumbprint is null)
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", "a selfSigned device needs a primary thumbprint");
            return;
        }

        var enabled = Text(body["status"]) is null or "enabled";
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var existing = _hub.Find(id);
        EmulatedDevice device;
        if (existing is null)
        {
            if (ifMatch.Length > 0 && ifMatch != "*")
            {
                await ErrorAsync(context, 412, "PreconditionFailed", $"device {id} does not exist, so its etag cannot be {ifMatch}");
                return;
            }

            try
            {
                device = _hub.CreateDevice(id, kind, primary, secondary, primaryThumbprint, secondaryThumbprint, enabled);
            }
            catch (InvalidOperationException)
            {
                await ErrorAsync(context, 409, "DeviceAlreadyExists", $"A device with ID '{id}' is already registered.");
                return;
            }
        }
        else
        {
            // Without If-Match a PUT creates: an existing device is a conflict.
            if (ifMatch.Length == 0)
            {
                await ErrorAsync(context, 409, "DeviceAlreadyExists", $"A device with ID '{id}' is already registered.");
                return;
            }

            if (ifMatch != "*" && ifMatch.Trim('"') != existing.IdentityEtag)
            {
                await ErrorAsync(context, 412, "PreconditionFailed", $"the device's etag is {existing.IdentityEtag}, not {ifMatch}");
                return;
            }

            _hub.UpdateDevice(existing, kind, primary, secondary, primaryThumbprint, secondaryThumbprint, enabled);
            device = existing;
        }

        await JsonAsync(context, 200, _hub.DeviceJson(device), device.IdentityEtag);
    }

    private async Task GetDeviceAsync(HttpContext context, string id)
    {
        if (_hub.Find(id) is not { } device)
        {
            await ErrorAsync(context, 404, "DeviceNotFound", $"Device {id} not registered");
            return;
        }

        await JsonAsync(context, 200, _hub.DeviceJson(device), device.IdentityEtag);
    }

    private async Task DeleteDeviceAsync(HttpContext context, string id)
    {
        if (_hub.Find(id) is not { } device)
        {
            await ErrorAsync(context, 404, "DeviceNotFound", $"Device {id} not registered");
            return;
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch.Trim('"') != device.IdentityEtag)
        {
            await ErrorAsync(context, 412, "PreconditionFailed", $"the device's etag is {device.IdentityEtag}, not {ifMatch}");
            return;
        }

        _hub.DeleteDevice(device);
        context.Response.StatusCode = 204;
    }

    private async Task GetTwinAsync(HttpContext context, string id)
    {
        if (_hub.Find(id) is not { } device)
        {
            await ErrorAsync(context, 404, "DeviceNotFound", $"Device {id} not registered");
            return;
        }

        var twin = _hub.TwinJson(device);
        await JsonAsync(context, 200, twin, twin["etag"]!.GetValue<string>());
    }

    private async Task PatchTwinAsync(HttpContext context, string id)
    {
        var body = await ReadObjectAsync(context);
        if (body is null) return;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var (error, _) = _hub.PatchTwin(id, body, ifMatch.Length == 0 ? null : ifMatch);
        if (error is { } e)
        {
            await ErrorAsync(context, e.Status, e.Code, e.Message);
            return;
        }

        var twin = _hub.TwinJson(_hub.Find(id)!);
        await JsonAsync(context, 200, twin, twin["etag"]!.GetValue<string>());
    }

    private async Task QueryAsync(HttpContext context)
    {
        var body = await ReadObjectAsync(context);
        if (body is null) return;
        var query = Text(body["query"]) ?? "";
        if (!SelectAllDevices().IsMatch(query))
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", $"the emulator implements only 'SELECT * FROM devices', not '{query}'");
            return;
        }

        var pageSize = DefaultPageSize;
        if (context.Request.Headers["x-ms-max-item-count"].ToString() is { Length: > 0 } max
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", $"x-ms-max-item-count '{max}' is not a positive number");
            return;
        }

        string? after = null;
        if (context.Request.Headers["x-ms-continuation"].ToString() is { Length: > 0 } continuation)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(continuation));
            }
            catch (FormatException)
            {
                await ErrorAsync(context, 400, "ArgumentInvalid", "the continuation token is not one this hub issued");
                return;
            }
        }

        var page = _hub.DevicesAfter(after, pageSize + 1);
        var items = new JsonArray([.. page.Take(pageSize).Select(d => (JsonNode)_hub.TwinJson(d))]);
        if (page.Count > pageSize)
        {
            context.Response.Headers["x-ms-continuation"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[pageSize - 1].Id));
        }

        context.Response.Headers["x-ms-item-type"] = "Twin";
        await JsonAsync(context, 200, items, null);
    }

    private async Task InvokeAsync(HttpContext context, string id)
    {
        var body = await ReadObjectAsync(context);
        if (body is null) return;
        var name = Text(body["methodName"]);
        var responseTimeout = Number(body["responseTimeoutInSeconds"]) ?? 30;
        var connectTimeout = Number(body["connectTimeoutInSeconds"]) ?? 0;
        var payload = body["payload"];
        var payloadBytes = payload is null ? [] : Encoding.UTF8.GetBytes(payload.ToJsonString());
        string? problem = name switch
        {
            null or "" => "methodName is required",
            _ when responseTimeout is < 5 or > 300 => "responseTimeoutInSeconds must be 5..300",
            _ when connectTimeout is < 0 or > 300 => "connectTimeoutInSeconds must be 0..300",
            _ when payloadBytes.Length > 128 * 1024 => "the payload is over 128 KB",
            _ => null,
        };
        if (problem is not null)
        {
            await ErrorAsync(context, 400, "ArgumentInvalid", problem);
            return;
        }

        var result = await _hub.InvokeAsync(id, name!, payloadBytes, TimeSpan.FromSeconds(responseTimeout), TimeSpan.FromSeconds(connectTimeout), context.RequestAborted);
        if (result.HttpStatus != 200)
        {
            // Method errors come as a JSON error object inside Message, as IoT Hub sends them.
            var inner = new JsonObject { ["errorCode"] = int.TryParse(result.Code, out var numeric) ? numeric : 0, ["trackingId"] = Guid.NewGuid().ToString("N"), ["message"] = result.Message, ["info"] = new JsonObject(), ["timestampUtc"] = _hub.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) };
            if (numeric == 0)
            {
                await ErrorAsync(context, result.HttpStatus, result.Code!, result.Message);
                return;
            }

            await JsonAsync(context, result.HttpStatus, new JsonObject { ["Message"] = inner.ToJsonString(), ["ExceptionMessage"] = "" }, null);
            return;
        }

        JsonNode? answer = null;
        if (result.Payload.Length > 0)
        {
            try
            {
                answer = JsonNode.Parse(result.Payload);
            }
            catch (JsonException)
            {
                await ErrorAsync(context, 400, "BadDeviceResponse", "the device's answer is not JSON");
                return;
            }
        }

        await JsonAsync(context, 200, new JsonObject { ["status"] = result.DeviceStatus, ["payload"] = answer }, null);
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body) return body;
        }
        catch (JsonException)
        {
            // 400 below.
        }

        await ErrorAsync(context, 400, "ArgumentInvalid", "the body is not a JSON object");
        return null;
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body, string? etag)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (etag is not null) context.Response.Headers.ETag = $"\"{etag}\"";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.Headers["iothub-errorcode"] = code;
        var body = new JsonObject
        {
            ["Message"] = $"ErrorCode:{code};{message}",
            ["ExceptionMessage"] = $"Tracking ID:{Guid.NewGuid():N}-G:0-TimeStamp:{DateTime.UtcNow:MM/dd/yyyy HH:mm:ss}",
        };
        return JsonAsync(context, status, body, null);
    }

    // IoT Hub device ids: up to 128 characters of ASCII letters, digits and - . % _ * ? ! ( ) , : = @ $ '.
    private static bool IsValidDeviceId(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || "-.%_*?!(),:=@$'".Contains(c, StringComparison.Ordinal));

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;

    [GeneratedRegex(@"^\s*SELECT\s+\*\s+FROM\s+devices\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectAllDevices();
}
