using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>A new namespace is Active and carries the <c>kubernetes</c> finalizer the namespace controller removes.</summary>
internal sealed class NamespaceStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context)
    {
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context) =>
        obj["spec"] = old["spec"]?.DeepClone(); // spec.finalizers change only through /finalize
}
