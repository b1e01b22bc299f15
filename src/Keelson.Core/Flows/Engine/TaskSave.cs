using Keelson.Core.Audit;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// A task transition as data, for <see cref="WriteBatcher.SaveTaskAsync"/>: <paramref name="Row"/> is
/// written over the stored row if that is still in <paramref name="ExpectedState"/> at
/// <paramref name="ExpectedAttempt"/> (a change decided on a stale view is dropped), and only then are
/// its history event and audit record added.
/// </summary>
/// <param name="Row">The task row as it is to be stored.</param>
/// <param name="ExpectedState">The stored row's state the change was decided on.</param>
/// <param name="ExpectedAttempt">The stored row's attempt the change was decided on.</param>
/// <param name="Event">The history event (its time is the commit's), or null.</param>
/// <param name="Audit">The audit record, or null.</param>
internal sealed record TaskSave(TaskRow Row, string ExpectedState, int ExpectedAttempt, EventRow? Event = null, AuditEntry? Audit = null);
