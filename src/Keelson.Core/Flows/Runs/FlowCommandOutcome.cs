namespace Keelson.Core.Flows.Runs;

/// <summary>What became of an operator's command.</summary>
public enum FlowCommandOutcome
{
    /// <summary>Done.</summary>
    Applied,

    /// <summary>Refused: the run or task was not in a state where it makes sense (the message says why).</summary>
    Refused,

    /// <summary>Recorded, but the replica running the run has not applied it yet; it will.</summary>
    Queued,
}
