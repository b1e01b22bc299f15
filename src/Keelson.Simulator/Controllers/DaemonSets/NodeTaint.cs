namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>A node taint.</summary>
/// <param name="Key">The taint's key.</param>
/// <param name="Value">Its value (empty when none).</param>
/// <param name="Effect"><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</param>
public sealed record NodeTaint(string Key, string Value, string Effect);
