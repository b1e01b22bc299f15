namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>A pod's toleration.</summary>
/// <param name="Key">The taint key it tolerates (empty: every key, with <c>Exists</c>).</param>
/// <param name="Operator"><c>Equal</c> (the default) or <c>Exists</c>.</param>
/// <param name="Value">The value it needs with <c>Equal</c>.</param>
/// <param name="Effect">The effect it tolerates (empty: every effect).</param>
internal sealed record PodToleration(string Key, string Operator, string Value, string Effect)
{
    /// <summary>kube's <c>ToleratesTaint</c>.</summary>
    public bool Tolerates(NodeTaint taint) =>
        (Effect.Length == 0 || Effect == taint.Effect) &&
        (Key.Length == 0 || Key == taint.Key) &&
        Operator switch
        {
            "" or "Equal" => Value == taint.Value,
            "Exists" => true,
            _ => false,
        };
}
