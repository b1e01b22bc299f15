using System.Text.Json.Nodes;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// <c>notify</c>: posts a message to a chat or paging webhook as JSON
/// (<c>{"text", "run", "flow", "task", "startedBy", ...fields}</c>), once per task.
/// </summary>
public sealed class NotifyExecutor(IHttpClientFactory httpClients) : FlowExecutor
{
    /// <inheritdoc />
    public override string Name => "notify";

    /// <inheritdoc />
    public override string Description => "Sends a message to a webhook (chat, paging).";

    /// <inheritdoc />
    public override FlowRetry DefaultRetry => Webhook.Retry;

    /// <inheritdoc />
    public override IReadOnlyList<ExecutorInput> Inputs { get; } =
    [
        ExecutorInput.Require("url", FlowValueType.String, "the webhook URL"),
        ExecutorInput.Require("message", FlowValueType.String, "the message"),
        ExecutorInput.Optional("fields", FlowValueType.Object, "more fields for the JSON body"),
    ];

    /// <inheritdoc />
    public override async Task<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = Webhook.Url(context.Inputs);
        var body = new JsonObject
        {
            ["text"] = context.Inputs.String("message"),
            ["run"] = context.RunId,
            ["flow"] = context.Flow,
            ["task"] = context.TaskKey,
            ["startedBy"] = context.StartedBy,
        };
        foreach (var (key, value) in context.Inputs.Object("fields") ?? [])
        {
            body[key] = value?.DeepClone();
        }

        var http = httpClients.CreateClient(Webhook.ClientName);
        var result = await context.OnceAsync("notify", null, async ct =>
            await Webhook.SendAsync(http, HttpMethod.Post, url, null, body, context.IntentKey("notify"), s => s is >= 200 and < 300, TimeSpan.FromSeconds(30), ct), cancellationToken);
        return TaskOutcome.Succeeded(new JsonObject { ["status"] = result?["status"]?.DeepClone() });
    }
}
