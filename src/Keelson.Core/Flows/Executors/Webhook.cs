using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>How <c>http.call</c> and <c>notify</c> call a webhook and read its answer.</summary>
internal static class Webhook
{
    /// <summary>The client name registered for flow webhooks.</summary>
    public const string ClientName = "keelson-flows";

    /// <summary>Transient failures (no answer, 429, 5xx) are retried three times, 2 s, 4 s, 8 s apart, unless the task says otherwise.</summary>
    public static FlowRetry Retry { get; } = new() { Limit = 3, Backoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(30), Errors = [FlowErrorKind.Transient, FlowErrorKind.Timeout] };

    public static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, Uri url, JsonObject? headers, JsonNode? body, string idempotencyKey, Func<int, bool> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        // Receivers that deduplicate by this header see a resent call (after a crash or a retry) as the same call.
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, Expressions.ExpressionValues.ToText(value)))
            {
                throw new FlowTaskException(FlowErrorKind.Invalid, $"header \"{name}\" cannot be set on a request");
            }
        }

        if (body is not null)
        {
            request.Content = body is JsonValue v && v.TryGetValue<string>(out var text)
                ? new StringContent(text, Encoding.UTF8, "text/plain")
                : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FlowTaskException(FlowErrorKind.Transient, $"{method} {Display(url)} did not answer within {Kubernetes.Yaml.GoDuration.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            throw new FlowTaskException(FlowErrorKind.Transient, $"{method} {Display(url)} failed: {e.Message}", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!expected(status))
            {
                var excerpt = content.Length > 300 ? content[..300] + "..." : content;
                var kind = status is 429 or >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout ? FlowErrorKind.Transient : FlowErrorKind.Failed;
                throw new FlowTaskException(kind, $"{method} {Display(url)} answered {status} {response.ReasonPhrase}: {excerpt}");
            }

            JsonNode? parsed;
            try
            {
                parsed = content.Length == 0 ? null : JsonNode.Parse(content);
            }
            catch (JsonException)
            {
                parsed = JsonValue.Create(content);
            }

            return new JsonObject { ["status"] = status, ["body"] = parsed };
        }
    }

    /// <summary>The URL without credentials or query (which may hold tokens), for messages and the audit log.</summary>
    public static string Display(Uri url) => $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";

    public static Uri Url(TaskInputs inputs)
    {
        var text = inputs.String("url");
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new FlowTaskException(FlowErrorKind.Invalid, $"input \"url\" is \"{text}\", not an http or https URL");
    }
}
