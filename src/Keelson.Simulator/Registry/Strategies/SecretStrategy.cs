using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary><c>stringData</c> is write-only: it is folded into base64 <c>data</c> and never stored.</summary>
internal sealed class SecretStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context) => FoldStringData(obj);

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context) => FoldStringData(obj);

    private static void FoldStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }

        secret["data"] = data;
        secret.Remove("stringData");
    }
}
