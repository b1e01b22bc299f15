using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>Kinds whose status only controllers write: a new object starts with an empty status.</summary>
internal sealed class ResetStatusStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context) => obj["status"] = new JsonObject();

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context)
    {
        // The generic registry keeps the old status on main-resource updates.
    }
}
