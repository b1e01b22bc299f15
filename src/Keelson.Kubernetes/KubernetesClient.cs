using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Discovery;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes;

/// <summary>
/// A client for one cluster's API server. Thread-safe; create one per cluster and share it.
/// Reads are retried with backoff on 429, 5xx and transport faults (honouring
/// <c>Retry-After</c>); writes only when repeating them cannot do the work twice.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for the cluster the options describe.</summary>
    /// <param name="options">The resolved connection (from a kubeconfig, in-cluster, or by hand).</param>
    /// <param name="timeProvider">Clock for retry delays; the system clock when null.</param>
    public KubernetesClient(KubernetesClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(KubernetesHttpHandlerFactory.Create(options), disposeHandler: true)
        {
            // Timeouts are per request (see SendAsync): a watch must be allowed to last.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _baseUrl = options.Server.AbsoluteUri.TrimEnd('/');
        Discovery = new DiscoveryClient(this);
    }

    /// <summary>The connection this client uses.</summary>
    public KubernetesClientOptions Options { get; }

    /// <summary>Which groups, versions and resources the server offers (cached).</summary>
    public DiscoveryClient Discovery { get; }

    /// <summary>A client for a built-in kind, in <paramref name="namespace"/> or across all namespaces when null.</summary>
    public ResourceClient<T> Resource<T>(string? @namespace = null)
        where T : KubernetesObject, IKubernetesResource =>
        new(this, T.Resource, @namespace);

    /// <summary>A client for any resource (e.g. a custom resource found through <see cref="Discovery"/>), typed as <typeparamref name="T"/>.</summary>
    public ResourceClient<T> Resource<T>(ApiResource resource, string? @namespace = null)
        where T : KubernetesObject =>
        new(this, resource, @namespace);

    /// <summary>
    /// A client for the kind named by <paramref name="apiVersion"/> and <paramref name="kind"/>,
    /// resolved through discovery, so custom resources work.
    /// </summary>
    /// <exception cref="KubernetesApiException">The server does not serve that kind.</exception>
    public async Task<ResourceClient<GenericObject>> ResourceAsync(string apiVersion, string kind, string? @namespace = null, CancellationToken cancellationToken = default) =>
        new(this, await Discovery.ResolveAsync(apiVersion, kind, cancellationToken), @namespace);

    /// <summary>The server's version (<c>/version</c>).</summary>
    public Task<ServerVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ServerVersion>(new ApiRequest(HttpMethod.Get, "/version", RetrySafety.Read), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Sends a request and decodes the JSON answer.</summary>
    internal async Task<T> SendAsync<T>(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return KubernetesJson.Deserialize<T>(bytes);
        }
        catch (JsonException e)
        {
            throw new KubernetesTransportException(
                Options.DisplayName,
                $"{request.Method} {request.PathAndQuery}: the answer is not a valid {typeof(T).Name}: {e.Message} (is the server a Kubernetes API server?)",
                e);
        }
    }

    /// <summary>
    /// Sends a request with authentication, the request timeout and retries, and returns a
    /// successful response (the caller disposes it). Failures become
    /// <see cref="KubernetesApiException"/> (the server said no) or
    /// <see cref="KubernetesTransportException"/> (no answer).
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var retry = Options.Retry;
        var refreshedCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            HttpResponseMessage response;
            try
            {
                using var message = await CreateMessageAsync(request, timeout.Token);
                response = await _http.SendAsync(
                    message,
                    request.Streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    timeout.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (request.Safety != RetrySafety.Unsafe && attempt < retry.MaxAttempts)
                {
                    await DelayAsync(attempt, null, cancellationToken);
                    continue;
                }

                // Our request timeout fired, or the handler's connect timeout (which it reports as a cancellation).
                throw timeout.IsCancellationRequested
                    ? new KubernetesTransportException(
                        Options.DisplayName,
                        $"{request.Method} {request.PathAndQuery}: no answer from {Options.Server} within {Options.RequestTimeout.TotalSeconds:0.#}s (is the API server overloaded or the network path blocked?)",
                        e)
                    : TransportErrors.Translate(Options, e);
            }
            catch (Exception e) when (e is HttpRequestException or AuthenticationException or IOException)
            {
                if (IsRetryableTransportFault(e, request.Safety) && attempt < retry.MaxAttempts)
                {
                    await DelayAsync(attempt, null, cancellationToken);
                    continue;
                }

                throw TransportErrors.Translate(Options, e);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var status = await ReadStatusAsync(response, cancellationToken);
                var retryAfter = RetryAfter(response, status);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedCredentials && Options.Credentials is { } credentials)
                {
                    // An exec plugin's cached token may have been revoked early: fetch a fresh one once.
                    credentials.Invalidate();
                    refreshedCredentials = true;
                    attempt--;
                    continue;
                }

                if (IsRetryableStatus((int)response.StatusCode, request) && attempt < retry.MaxAttempts)
                {
                    await DelayAsync(attempt, retryAfter, cancellationToken);
                    continue;
                }

                throw new KubernetesApiException(Options.DisplayName, request.Method.Method, request.PathAndQuery, status, retryAfter);
            }
        }
    }

    private async Task<HttpRequestMessage> CreateMessageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, _baseUrl + request.PathAndQuery)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.UserAgent.ParseAdd(Options.UserAgent);
        if (Options.Credentials is { } credentials && await credentials.GetAuthorizationAsync(cancellationToken) is { } authorization)
        {
            message.Headers.Authorization = authorization;
        }

        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        return message;
    }

    private static bool IsRetryableStatus(int code, ApiRequest request) => code switch
    {
        429 => request.RetryTooManyRequests,
        500 or 502 or 503 or 504 => request.Safety != RetrySafety.Unsafe,
        _ => false,
    };

    private static bool IsRetryableTransportFault(Exception e, RetrySafety safety)
    {
        if (e is AuthenticationException || e.InnerException is AuthenticationException)
        {
            return false; // a certificate problem does not heal by retrying
        }

        if (safety != RetrySafety.Unsafe)
        {
            return true;
        }

        // A refused connection never reached the server, so even an unsafe write may be sent again.
        return e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } &&
               e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };
    }

    private async Task DelayAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var retry = Options.Retry;
        var backoff = retry.InitialDelay * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var delay = retryAfter ?? backoff;
        if (delay > retry.MaxDelay)
        {
            delay = retry.MaxDelay;
        }

        await Task.Delay(delay, _time, cancellationToken);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, Status status)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return status.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>Reads the error body as a Status; a body that is not one becomes a Status carrying its text.</summary>
    private static async Task<Status> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            text = "";
        }

        if (text.StartsWith('{'))
        {
            try
            {
                var status = KubernetesJson.Deserialize<Status>(text);
                if (status.Kind == "Status")
                {
                    status.Code ??= code;
                    return status;
                }
            }
            catch (JsonException)
            {
                // Not a Status: fall through and keep the text.
            }
        }

        return new Status
        {
            Outcome = "Failure",
            Code = code,
            Reason = ReasonFor(response.StatusCode),
            Message = text.Length == 0 ? response.ReasonPhrase : text.Trim(),
        };
    }

    private static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => "BadRequest",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.MethodNotAllowed => "MethodNotAllowed",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.Gone => "Expired",
        HttpStatusCode.UnsupportedMediaType => "UnsupportedMediaType",
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.GatewayTimeout => "Timeout",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        _ => "InternalError",
    };
}
