using System.Text.Json.Nodes;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// policy/v1 PodDisruptionBudgets have no field defaults; on create the strategy resets the status, whose four
/// counters Go writes even at zero.
/// </summary>
internal sealed class PodDisruptionBudgetDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        if (operation == DefaultingOperation.Create)
        {
            obj["status"] = new JsonObject
            {
                ["currentHealthy"] = 0,
                ["desiredHealthy"] = 0,
                ["disruptionsAllowed"] = 0,
                ["expectedPods"] = 0,
            };
        }
    }
}
