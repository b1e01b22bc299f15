namespace Keelson.Core.Flows.Engine;

/// <summary>Tells a run's driver to look at a waiting task now (its timer fired, a sub-flow ended, a person answered).</summary>
/// <param name="Key">The task's key.</param>
internal sealed record TaskWakeUp(string Key);
