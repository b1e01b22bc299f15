using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>http.call</c>: calls a webhook (a cloud provider's API to add capacity, a test suite, a change
/// system). Calls other than GET and HEAD pass the action gate and are recorded, so a call is not
/// sent twice; a call whose answer was lost in a crash is resent with the same <c>Idempotency-Key</c>
/// header. Failures with no answer, 429 or 5xx are retried (3 times unless the task sets retry).
/// </summary>
public sealed class HttpCallExecutor(IHttpClientFactory httpClients) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "http.call";

    /// <inheritdoc />
    public override string Description => "Calls a webhook and returns its status and body.";

    /// <inheritdoc />
    public override FlowRetry DefaultRetry => Webhook.Retry;

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("url", FlowValueType.String, "the URL (http or https)"),
        ExecutorInput.Optional("method", FlowValueType.String, "the HTTP method", "POST"),
        ExecutorInput.Optional("headers", FlowValueType.Object, "request headers"),
        ExecutorInput.Optional("body", FlowValueType.Any, "the body: text is sent as text/plain, anything else as JSON"),
        ExecutorInput.Optional("expectStatus", FlowValueType.List, "the status codes that count as success; any 2xx when absent"),
        ExecutorInput.Optional("cluster", FlowValueType.String, "the cluster the call acts on (for the gate and the per-cluster limit)"),
        ExecutorInput.Optional("requestTimeout", FlowValueType.Duration, "how long to wait for the answer", "30s"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = Webhook.Url(context.Inputs);
        var method = new HttpMethod((context.Inputs.OptionalString("method") ?? "POST").ToUpperInvariant());
        var expected = Expected(context.Inputs);
        var timeout = context.Inputs.OptionalDuration("requestTimeout") ?? TimeSpan.FromSeconds(30);
        var http = httpClients.CreateClient(Webhook.ClientName);
        Task<JsonObject> Send(CancellationToken ct) =>
            Webhook.SendAsync(http, method, url, context.Inputs.Object("headers"), context.Inputs.Node("body"), context.IntentKey("call"), expected, timeout, ct);

        if (method == HttpMethod.Get || method == HttpMethod.Head)
        {
            return TaskOutcome.Succeeded(await Send(cancellationToken));
        }

        var action = new FlowAction(FlowActionVerb.Call, "Webhook", context.Inputs.OptionalString("cluster"), null, [Webhook.Display(url)]);
        var result = await context.ActAsync(action, "call", async ct => await Send(ct), cancellationToken);
        return TaskOutcome.Succeeded(result!.DeepClone().AsObject());
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<PlannedAction>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = (context.Inputs.OptionalString("method") ?? "POST").ToUpperInvariant();
        return Task.FromResult<IReadOnlyList<PlannedAction>>(method is "GET" or "HEAD"
            ? []
            : [new PlannedAction(PlannedVerb.Call, context.Inputs.OptionalString("cluster"), "Webhook", null, Webhook.Display(Webhook.Url(context.Inputs)), method)]);
    }

    private static Func<int, bool> Expected(TaskInputs inputs)
    {
        if (inputs.Node("expectStatus") is not JsonArray list)
        {
            return status => status is >= 200 and < 300;
        }

        var codes = list.Select(c => c?.GetValueKind() == JsonValueKind.Number ? (int)Expressions.ExpressionValues.ToNumber(c) : -1).ToHashSet();
        return codes.Contains;
    }
}
