using Keelson.Core.Flows.Executors;

namespace Keelson.Core.Flows.Runs;

/// <summary>What a dry run says one task (or one forEach element) would do.</summary>
/// <param name="Task">The task's key.</param>
/// <param name="Uses">Its executor.</param>
/// <param name="Actions">What it would do.</param>
/// <param name="Note">Why it would be skipped or could not be planned fully, if so.</param>
public sealed record FlowPlanTask(string Task, string Uses, IReadOnlyList<PlannedAction> Actions, string? Note);
