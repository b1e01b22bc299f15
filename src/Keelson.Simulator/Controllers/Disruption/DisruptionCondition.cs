using System.Text.Json.Nodes;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers.Disruption;

/// <summary>
/// The <c>DisruptionAllowed</c> condition of a PodDisruptionBudget, set as apimachinery's
/// <c>SetStatusCondition</c> sets conditions: the transition time moves only when the status does.
/// </summary>
internal static class DisruptionCondition
{
    private const string Type = "DisruptionAllowed";

    /// <summary><c>SufficientPods</c> (True) when disruptions are allowed, else <c>InsufficientPods</c> (False).</summary>
    public static JsonArray Set(JsonArray? conditions, bool allowed, long observedGeneration, DateTimeOffset now) =>
        allowed
            ? Put(conditions, "True", "SufficientPods", "", observedGeneration, now)
            : Put(conditions, "False", "InsufficientPods", "", observedGeneration, now);

    /// <summary><c>SyncFailed</c> (False) with the error, when the budget could not be computed.</summary>
    public static JsonArray SetFailed(JsonArray? conditions, string message, long observedGeneration, DateTimeOffset now) =>
        Put(conditions, "False", "SyncFailed", message, observedGeneration, now);

    private static JsonArray Put(JsonArray? conditions, string status, string reason, string message, long observedGeneration, DateTimeOffset now)
    {
        var result = conditions?.DeepClone().AsArray() ?? [];
        var existing = result.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == Type);
        var transition = existing is not null && existing["status"]?.GetValue<string>() == status
            ? existing["lastTransitionTime"]?.DeepClone()
            : ObjectRegistry.TimeText(now);
        var condition = new JsonObject { ["type"] = Type, ["status"] = status };
        if (observedGeneration != 0)
        {
            condition["observedGeneration"] = observedGeneration;
        }

        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        if (existing is null)
        {
            result.Add(condition);
        }
        else
        {
            result[result.IndexOf(existing)] = condition;
        }

        return result;
    }
}
