using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>What a kind does beyond the generic registry on create and update, as kube-apiserver's REST strategies do.</summary>
internal interface IKindStrategy
{
    /// <summary>Adjusts a new object before defaulting and validation (e.g. reset status, allocate an IP).</summary>
    void PrepareForCreate(JsonObject obj, StrategyContext context);

    /// <summary>Adjusts an updated object before defaulting and validation.</summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context);
}
