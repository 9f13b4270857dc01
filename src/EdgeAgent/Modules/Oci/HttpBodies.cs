using System.Text.Json;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>Reads response bodies with a size cap, so a hostile or broken server cannot make us buffer without end.</summary>
internal static class HttpBodies
{
    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/>. <paramref name="progress"/>
    /// is called after every chunk (to push an idle deadline back).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken, Action? progress = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
                progress?.Invoke();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The error codes and messages of a distribution API error body, as one line; empty when there are none.</summary>
    public static async Task<string> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadLimitedAsync(response, 64 * 1024, cancellationToken).ConfigureAwait(false);
        if (body is null || body.Length == 0) return "";
        try
        {
            var errors = JsonSerializer.Deserialize(body, OciJsonContext.Default.RegistryErrors)?.Errors;
            if (errors is { Count: > 0 }) return string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"));
        }
        catch (JsonException)
        {
            // Not the distribution API's error format (a proxy's HTML page, say): fall through to the raw text.
        }

        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
