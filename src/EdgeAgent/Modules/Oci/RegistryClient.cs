using EdgeWasm.Protocol.Images;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>
/// The OCI distribution API v2, the parts a module cache and a pusher need: manifests by tag or digest (following an
/// index to its wasm entry), blobs with digest verification, blob upload (POST then PUT with the digest) and manifest
/// upload. Authentication is answered on demand (see <see cref="RegistryAuthenticator"/>). Every failure is one of the
/// <see cref="ImageException"/> subtypes.
/// </summary>
internal sealed class RegistryClient
{
    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RegistryAuthenticator _auth;

    /// <summary>Creates it over a long-lived <paramref name="http"/> client (see <see cref="CreateHttpClient"/>).</summary>
    public RegistryClient(HttpClient http, RegistryClientOptions options, TimeProvider time, ILogger<RegistryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _auth = new RegistryAuthenticator(http, time, logger);
    }

    /// <summary>An HttpClient suited to registries: no overall timeout (ours is an idle timeout), pooled connections recycled.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Redirects (to blob storage) are followed; .NET drops the Authorization header on them.
        AllowAutoRedirect = true,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Follows <paramref name="image"/> to one image manifest: an index resolves to its WASI preview 1 entry, or its only entry.</summary>
    public Task<ResolvedImage> ResolveAsync(ImageReference image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        return WithDeadlineAsync(image, async deadline =>
        {
            var top = await GetManifestCoreAsync(image, image.ManifestReference, credential, deadline).ConfigureAwait(false);
            if (!MediaTypes.IsIndex(top.MediaType)) return new ResolvedImage(image, top.Digest, top.Digest, top.Manifest, null);

            var entry = SelectPlatform(image, top.Manifest.Manifests ?? []);
            deadline.Touch();
            var child = await GetManifestCoreAsync(image, entry.Digest.Value, credential, deadline).ConfigureAwait(false);
            if (MediaTypes.IsIndex(child.MediaType)) throw new InvalidImageException(image.ToString(), $"{image}: the index entry {entry.Digest} is another index; nested indexes are not supported");
            OciLog.PlatformSelected(_logger, image.ToString(), entry.Platform?.ToString() ?? "(none)", child.Digest.Value);
            return new ResolvedImage(image, top.Digest, child.Digest, child.Manifest, entry.Platform);
        }, cancellationToken);
    }

    /// <summary>One manifest or index by tag or digest string, verified against the digest when fetched by digest.</summary>
    public Task<FetchedManifest> GetManifestAsync(ImageReference image, string reference, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        return WithDeadlineAsync(image, deadline => GetManifestCoreAsync(image, reference, credential, deadline), cancellationToken);
    }

    /// <summary>
    /// A blob's bytes, checked against the descriptor's size and digest. A descriptor over <paramref name="maxBytes"/>
    /// is refused before any byte is downloaded.
    /// </summary>
    public Task<byte[]> GetBlobAsync(ImageReference image, OciDescriptor blob, long maxBytes, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Size > maxBytes)
        {
            throw new ModuleTooLargeException(image.ToString(), blob.Size, maxBytes, $"{image}: layer {blob.Digest} is {blob.Size} bytes, over the limit of {maxBytes}");
        }

        if (blob.Size < 0) throw new InvalidImageException(image.ToString(), $"{image}: layer {blob.Digest} has a negative size");
        return WithDeadlineAsync(image, async deadline =>
        {
            using var response = await SendAsync(image, PullScope(image), credential, () => new HttpRequestMessage(HttpMethod.Get, ApiUri(image, "blobs/" + blob.Digest.Value)), deadline).ConfigureAwait(false);
            await EnsureSuccessAsync(response, image, $"blob {blob.Digest}", deadline.Token).ConfigureAwait(false);
            var bytes = await HttpBodies.ReadLimitedAsync(response, blob.Size, deadline.Token, deadline.Touch).ConfigureAwait(false)
                ?? throw new InvalidImageException(image.ToString(), $"{image}: blob {blob.Digest} is longer than the {blob.Size} bytes its descriptor says");
            var actual = ContentDigest.Compute(bytes);
            if (actual != blob.Digest) throw new DigestMismatchException(image.ToString(), $"layer {blob.Digest}", blob.Digest, actual);
            OciLog.BlobPulled(_logger, image.ToString(), blob.Digest.Value, bytes.Length);
            return bytes;
        }, cancellationToken);
    }

    /// <summary>Whether the repository already has the blob (HEAD).</summary>
    public Task<bool> BlobExistsAsync(ImageReference image, ContentDigest digest, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        return WithDeadlineAsync(image, async deadline =>
        {
            using var response = await SendAsync(image, PushScope(image), credential, () => new HttpRequestMessage(HttpMethod.Head, ApiUri(image, "blobs/" + digest.Value)), deadline).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            await EnsureSuccessAsync(response, image, $"blob {digest}", deadline.Token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Uploads a blob unless the repository has it: POST an upload session, then PUT the bytes with their digest.</summary>
    public Task<ContentDigest> PushBlobAsync(ImageReference image, ReadOnlyMemory<byte> content, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var digest = ContentDigest.Compute(content.Span);
        return WithDeadlineAsync(image, async deadline =>
        {
            if (await BlobExistsAsync(image, digest, credential, deadline.Token).ConfigureAwait(false))
            {
                OciLog.BlobExists(_logger, image.ToString(), digest.Value);
                return digest;
            }

            Uri location;
            using (var start = await SendAsync(image, PushScope(image), credential, () => new HttpRequestMessage(HttpMethod.Post, ApiUri(image, "blobs/uploads/")), deadline).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(start, image, "starting a blob upload", deadline.Token).ConfigureAwait(false);
                location = start.Headers.Location is { } l
                    ? new Uri(ApiUri(image, ""), l)
                    : throw new RegistryErrorException(image.ToString(), start.StatusCode, $"{image.Registry} started an upload without a Location header");
            }

            var put = new UriBuilder(location);
            put.Query = (put.Query.Length > 1 ? put.Query.TrimStart('?') + "&" : "") + "digest=" + Uri.EscapeDataString(digest.Value);
            using var finish = await SendAsync(image, PushScope(image), credential, () => new HttpRequestMessage(HttpMethod.Put, put.Uri)
            {
                // The registry answers 400 to a PUT without this content type.
                Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            }, deadline).ConfigureAwait(false);
            await EnsureSuccessAsync(finish, image, $"uploading blob {digest}", deadline.Token).ConfigureAwait(false);
            OciLog.BlobPushed(_logger, image.ToString(), digest.Value, content.Length);
            return digest;
        }, cancellationToken);
    }

    /// <summary>Uploads a manifest under <paramref name="reference"/> (a tag or its digest); returns its digest.</summary>
    public Task<ContentDigest> PushManifestAsync(ImageReference image, string reference, string mediaType, byte[] content, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentNullException.ThrowIfNull(content);
        var digest = ContentDigest.Compute(content);
        return WithDeadlineAsync(image, async deadline =>
        {
            using var response = await SendAsync(image, PushScope(image), credential, () => new HttpRequestMessage(HttpMethod.Put, ApiUri(image, "manifests/" + reference))
            {
                Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
            }, deadline).ConfigureAwait(false);
            await EnsureSuccessAsync(response, image, $"uploading manifest {reference}", deadline.Token).ConfigureAwait(false);
            if (DockerContentDigest(response) is { } stated && stated != digest)
            {
                throw new DigestMismatchException(image.ToString(), "the pushed manifest", digest, stated);
            }

            OciLog.ManifestPushed(_logger, image.ToString(), digest.Value);
            return digest;
        }, cancellationToken);
    }

    private async Task<FetchedManifest> GetManifestCoreAsync(ImageReference image, string reference, RegistryCredential? credential, IdleDeadline deadline)
    {
        using var response = await SendAsync(image, PullScope(image), credential, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, ApiUri(image, "manifests/" + reference));
            foreach (var type in MediaTypes.Manifests) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, deadline).ConfigureAwait(false);
        await EnsureSuccessAsync(response, image, $"manifest {reference}", deadline.Token).ConfigureAwait(false);
        var content = await HttpBodies.ReadLimitedAsync(response, _options.MaxManifestBytes, deadline.Token, deadline.Touch).ConfigureAwait(false)
            ?? throw new ModuleTooLargeException(
                image.ToString(), response.Content.Headers.ContentLength ?? -1, _options.MaxManifestBytes, $"{image}: manifest {reference} is larger than {_options.MaxManifestBytes} bytes");

        var digest = ContentDigest.Compute(content);
        if (ContentDigest.TryParse(reference, out var expected) && expected != digest)
        {
            throw new DigestMismatchException(image.ToString(), $"manifest {reference}", expected, digest);
        }

        if (DockerContentDigest(response) is { } stated && stated != digest)
        {
            throw new DigestMismatchException(image.ToString(), $"manifest {reference} (against its Docker-Content-Digest header)", stated, digest);
        }

        OciManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(content, OciJsonContext.Default.OciManifest)
                ?? throw new InvalidImageException(image.ToString(), $"{image}: manifest {reference} is the JSON literal null");
        }
        catch (JsonException ex)
        {
            throw new InvalidImageException(image.ToString(), $"{image}: manifest {reference} is not a valid OCI manifest: {ex.Message}", ex);
        }

        var mediaType = manifest.MediaType ?? response.Content.Headers.ContentType?.MediaType ?? "";
        if (!MediaTypes.Manifests.Contains(mediaType))
        {
            throw new InvalidImageException(image.ToString(), $"{image}: manifest {reference} has media type '{mediaType}', which is not an OCI or Docker v2 manifest or index");
        }

        if (manifest.SchemaVersion != 2) throw new InvalidImageException(image.ToString(), $"{image}: manifest {reference} has schemaVersion {manifest.SchemaVersion}, not 2");
        OciLog.ManifestPulled(_logger, image.ToString(), digest.Value, mediaType);
        return new FetchedManifest(digest, mediaType, content, manifest);
    }

    // The wasm entry of an index: a WASI preview 1 platform, else the only entry.
    private static OciDescriptor SelectPlatform(ImageReference image, IReadOnlyList<OciDescriptor> entries)
    {
        if (entries.FirstOrDefault(e => e.Platform?.IsWasiPreview1 == true) is { } wasm) return wasm;
        if (entries.Count == 1) return entries[0];
        var platforms = entries.Count == 0 ? "none" : string.Join(", ", entries.Select(e => e.Platform?.ToString() ?? "(no platform)"));
        throw new InvalidImageException(image.ToString(), $"{image}: the index has no wasip1/wasm entry (platforms: {platforms})");
    }

    // Sends a request (built afresh for each attempt), answering one authentication challenge. The caller disposes the response.
    private async Task<HttpResponseMessage> SendAsync(ImageReference image, string scope, RegistryCredential? credential, Func<HttpRequestMessage> build, IdleDeadline deadline)
    {
        var cached = _auth.Cached(image.Registry, scope, credential);
        var response = await SendOnceAsync(build, cached, deadline).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenges = Challenges(image, response);
        response.Dispose();
        if (cached is not null) _auth.Forget(image.Registry, scope, credential);
        var header = await _auth.AuthenticateAsync(image.ToString(), image.Registry, scope, challenges, credential, deadline.Token).ConfigureAwait(false);
        deadline.Touch();
        response = await SendOnceAsync(build, header, deadline).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        using (response)
        {
            _auth.Forget(image.Registry, scope, credential);
            var detail = await HttpBodies.ReadErrorsAsync(response, deadline.Token).ConfigureAwait(false);
            var who = credential is null ? "anonymous access" : $"user '{credential.Username}'";
            throw new RegistryUnauthorizedException(image.ToString(), $"{image.Registry} refused {who} to {scope}{(detail.Length > 0 ? ": " + detail : "")}");
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> build, AuthenticationHeaderValue? authorization, IdleDeadline deadline)
    {
        using var request = build();
        request.Headers.Authorization = authorization;
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        deadline.Touch();
        OciLog.Request(_logger, request.Method.Method, request.RequestUri!, (int)response.StatusCode);
        return response;
    }

    private static List<AuthChallenge> Challenges(ImageReference image, HttpResponseMessage response)
    {
        // Raw values: the scope parameter holds commas that a generic header parser may split on.
        if (!response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values)) return [];
        try
        {
            return [.. values.SelectMany(AuthChallenge.Parse)];
        }
        catch (FormatException ex)
        {
            throw new RegistryUnauthorizedException(image.ToString(), $"{image.Registry} sent an unreadable challenge: {ex.Message}", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, ImageReference image, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = await HttpBodies.ReadErrorsAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var message = $"{image}: {what}: {image.Registry} answered {status.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}{(detail.Length > 0 ? " (" + detail + ")" : "")}";
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new ImageNotFoundException(image.ToString(), message),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RegistryUnauthorizedException(image.ToString(), message),
            HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new RegistryUnreachableException(image.ToString(), message),
            _ => new RegistryErrorException(image.ToString(), response.StatusCode, message),
        };
    }

    private static ContentDigest? DockerContentDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) && ContentDigest.TryParse(values.FirstOrDefault(), out var digest) ? digest : null;

    // Runs one exchange under an idle deadline and turns transport failures into RegistryUnreachableException.
    private async Task<T> WithDeadlineAsync<T>(ImageReference image, Func<IdleDeadline, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var deadline = new IdleDeadline(_options.RequestTimeout, _time, cancellationToken);
        try
        {
            return await exchange(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException(image.ToString(), $"{image.Registry} made no progress for {_options.RequestTimeout.TotalSeconds} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryUnreachableException(image.ToString(), $"{image.Registry} is unreachable: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new RegistryUnreachableException(image.ToString(), $"the connection to {image.Registry} broke: {ex.Message}", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new RegistryUnreachableException(image.ToString(), $"TLS with {image.Registry} failed: {ex.Message}", ex);
        }
    }

    private Uri ApiUri(ImageReference image, string path) =>
        new($"{(_options.UsesPlainHttp(image.Registry) ? "http" : "https")}://{image.ApiHost}/v2/{image.Repository}/{path}");

    private static string PullScope(ImageReference image) => $"repository:{image.Repository}:pull";

    private static string PushScope(ImageReference image) => $"repository:{image.Repository}:pull,push";
}
