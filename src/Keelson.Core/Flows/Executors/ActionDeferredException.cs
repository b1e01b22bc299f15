namespace Keelson.Core.Flows.Executors;

/// <summary>
/// Thrown by an action (inside <see cref="TaskContext.ActAsync"/>) that the cluster refused for now,
/// e.g. an eviction a PodDisruptionBudget does not allow yet. The intent stays recorded, so a later
/// step tries again without asking the gate a second time.
/// </summary>
public sealed class ActionDeferredException(string message) : Exception(message);
