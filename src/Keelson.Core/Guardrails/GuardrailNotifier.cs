using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Guardrails;

/// <summary>
/// Pages a human when a circuit opens: POSTs a <see cref="CircuitNotification"/> to the configured
/// URL in the background, so the worker that hit the brake is not held up by a slow receiver.
/// A failure is logged; the circuit, the braked run and the audit record are there regardless.
/// </summary>
internal sealed partial class GuardrailNotifier(IHttpClientFactory http, IOptions<GuardrailOptions> options, ILogger<GuardrailNotifier> logger)
{
    public const string ClientName = "keelson-guardrails";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Send(CircuitNotification notification)
    {
        if (options.Value.NotificationUrl is not { } url)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(options.Value.NotificationTimeout);
                using var client = http.CreateClient(ClientName);
                using var response = await client.PostAsJsonAsync(url, notification, Json, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    LogRefused(logger, url.GetLeftPart(UriPartial.Path), (int)response.StatusCode, notification.Scope);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                LogFailed(logger, url.GetLeftPart(UriPartial.Path), notification.Scope, e.Message);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "guardrail notification to {Url} about circuit {Scope} was answered {Status}; check the receiver")]
    private static partial void LogRefused(ILogger logger, string url, int status, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "guardrail notification to {Url} about circuit {Scope} failed: {Error}; check Guardrails:NotificationUrl")]
    private static partial void LogFailed(ILogger logger, string url, string scope, string error);
}
