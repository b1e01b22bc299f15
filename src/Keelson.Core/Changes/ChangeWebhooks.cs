using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Changes;

/// <summary>
/// Calls business webhooks: POSTs the change as JSON and expects <c>{"allow": bool, "reason": "..."}</c>.
/// Anything else — an error status, a malformed answer, no answer within the rule's timeout — denies:
/// webhooks fail closed.
/// </summary>
internal sealed class ChangeWebhooks(IHttpClientFactory clients)
{
    public const string ClientName = "keelson-change-webhooks";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when the webhook allows; else why not (its reason, or what went wrong and what to do).</summary>
    public async Task<string?> AskAsync(ChangeRule rule, JsonObject body, CancellationToken cancellationToken)
    {
        var timeout = rule.Timeout is { } t && GoDuration.TryParse(t, out var parsed) ? parsed : DefaultTimeout;
        var who = $"webhook '{rule.Name}' ({rule.Url})";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var http = clients.CreateClient(ClientName);
            http.Timeout = Timeout.InfiniteTimeSpan;
            using var response = await http.PostAsJsonAsync(rule.Url, body, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"{who} answered {(int)response.StatusCode} {response.ReasonPhrase}; webhooks fail closed: fix the endpoint, then start the change again (keelson change start ID)";
            }

            var answer = JsonNode.Parse(text) as JsonObject;
            if (answer?["allow"] is not JsonValue allow || !allow.TryGetValue<bool>(out var allowed))
            {
                return $"{who} did not answer {{\"allow\": true|false, \"reason\": \"...\"}} (it answered {Shorten(text)}); webhooks fail closed";
            }

            var reason = answer["reason"] is JsonValue r && r.TryGetValue<string>(out var s) ? s : null;
            return allowed ? null : $"{who} denied: {reason ?? "no reason given"}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{who} did not answer within {GoDuration.Format(timeout)}; webhooks fail closed: fix the endpoint or raise the rule's timeout, then start the change again";
        }
        catch (HttpRequestException e)
        {
            return $"{who} could not be reached ({e.Message}); webhooks fail closed: fix the endpoint, then start the change again";
        }
        catch (JsonException)
        {
            return $"{who} answered with malformed JSON; webhooks fail closed";
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
