using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>
/// New pods tolerate a not-ready or unreachable node for the scenario's number of seconds
/// (the DefaultTolerationSeconds admission plugin; the defaulter would add its fixed 300).
/// </summary>
internal sealed class PodStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context) => AddDefaultTolerations(obj, context.DefaultTolerationSeconds);

    /// <summary>As the DefaultTolerationSeconds admission plugin: tolerate a not-ready or unreachable node for a while.</summary>
    private static void AddDefaultTolerations(JsonObject pod, int seconds)
    {
        if (pod["spec"] is not JsonObject spec)
        {
            return;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var present = tolerations.OfType<JsonObject>().Any(t =>
                (t["key"]?.GetValue<string>() == key || (t["key"] is null && t["operator"]?.GetValue<string>() == "Exists")) &&
                t["effect"]?.GetValue<string>() is null or "NoExecute");
            if (!present)
            {
                tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = seconds });
            }
        }

        spec["tolerations"] = tolerations;
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context)
    {
    }
}
