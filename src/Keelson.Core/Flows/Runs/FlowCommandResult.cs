namespace Keelson.Core.Flows.Runs;

/// <summary>The answer to an operator's command.</summary>
/// <param name="Outcome">Applied, refused or still queued.</param>
/// <param name="Message">What happened, or why it was refused.</param>
/// <param name="Run">The run as it stands after the command.</param>
public sealed record FlowCommandResult(FlowCommandOutcome Outcome, string Message, FlowRun Run);
