using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>A namespace's <c>spec.finalizers</c> change only through <c>/finalize</c>.</summary>
internal sealed class NamespaceStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context)
    {
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context) =>
        obj["spec"] = old["spec"]?.DeepClone();
}
