using System.Data.Common;

namespace Keelson.Core.Flows;

/// <summary>
/// Decides whether a run may start and whether each of its waves may go (change control plugs in
/// here; the default admits everything). A refusal's reason is shown to the person who started the
/// run, so it names what blocked it and how to get past it.
/// </summary>
/// <remarks>
/// A <em>wave</em>, in flow terms, is one element of a task with <c>forEach</c>: a flow that changes
/// clusters one after another is written as a <c>forEach</c> over the clusters (its
/// <c>concurrency</c> says how many go together), so each element is the step of the fleet change
/// that is checked before it starts and after it ends. A run without <c>forEach</c> is one wave,
/// checked by <see cref="AdmitRunAsync"/> before it starts.
/// </remarks>
public interface IRunAdmission
{
    /// <summary>Called by <see cref="FlowService.StartAsync"/> before a run is created (outside any transaction).</summary>
    Task<RunAdmissionDecision> AdmitRunAsync(RunAdmissionRequest request, CancellationToken cancellationToken);

    /// <summary>Called in the transaction that creates an admitted run, so whatever the admission recorded is tied to the run atomically.</summary>
    Task RunCreatedAsync(RunAdmissionDecision decision, long runId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Called by the engine before an element of a <c>forEach</c> (a wave) is started for the first time; a refusal pauses the run with the reason.</summary>
    Task<RunAdmissionDecision> AdmitWaveAsync(WaveAdmissionRequest request, CancellationToken cancellationToken);

    /// <summary>Called by the engine after a wave this replica admitted succeeded; a refusal pauses the run with the reason.</summary>
    Task<RunAdmissionDecision> WaveEndedAsync(WaveAdmissionRequest request, CancellationToken cancellationToken);
}
