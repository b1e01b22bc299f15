namespace Keelson.Bench;

/// <summary>One row of a benchmark's table.</summary>
/// <param name="Metric">What was measured, e.g. "decode 10,000 pods: objects/s".</param>
/// <param name="Value">The value measured.</param>
/// <param name="Unit">Its unit, e.g. "obj/s", "MB", "ms".</param>
/// <param name="Goal">The goal, e.g. "≤ 1 KB", or empty.</param>
/// <param name="Reference">The reference measured in the same run (same unit), if any.</param>
/// <param name="Met">Whether the goal is met (null: no goal).</param>
internal sealed record Measurement(string Metric, double Value, string Unit, string Goal = "", double? Reference = null, bool? Met = null);
