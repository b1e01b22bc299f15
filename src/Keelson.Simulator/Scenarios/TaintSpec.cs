namespace Keelson.Simulator.Scenarios;

/// <summary>A node taint.</summary>
public sealed class TaintSpec
{
    /// <summary>The taint key.</summary>
    public string Key { get; set; } = "";

    /// <summary>The taint value (may be empty).</summary>
    public string? Value { get; set; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    public string Effect { get; set; } = "NoSchedule";
}
