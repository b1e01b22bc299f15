using System.Data.Common;
using Keelson.Core.Flows;

namespace Keelson.Core.Changes;

/// <summary>
/// Change control's <see cref="IRunAdmission"/>: every run that changes a cluster becomes a change
/// record and starts only when the rule library allows it; each wave of a change's run is checked
/// before it starts (freezes, concurrency, webhooks) and after it succeeded (webhooks).
/// </summary>
internal sealed class ChangeAdmission(ChangeControl control, FlowPlanner planner) : IRunAdmission
{
    public async Task<RunAdmissionDecision> AdmitRunAsync(RunAdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Change is { } id)
        {
            // Started by change control, which has just evaluated it.
            var change = await control.Store.GetAsync(id, cancellationToken);
            return change is { State: ChangeStates.Admitted } && change.Flow == request.Flow
                ? new RunAdmissionDecision(true, null, id)
                : RunAdmissionDecision.Refuse(change is null
                    ? $"change {id} does not exist"
                    : $"change {id} is {change.State}, not admitted for flow {request.Flow}; start it with keelson change start {id}");
        }

        var plan = await planner.PlanAsync(request.Flow, request.Version, request.Params, cancellationToken);
        if (!ChangeControl.ChangesClusters(plan))
        {
            return RunAdmissionDecision.Admit;
        }

        var recorded = await control.RecordAsync(request.Actor, request.Flow, request.Params, null, plan, cancellationToken);
        var admitted = await control.AdmitAsync(recorded, request.Actor.Name, cancellationToken);
        return admitted.State == ChangeStates.Admitted
            ? new RunAdmissionDecision(true, null, admitted.Id)
            : RunAdmissionDecision.Refuse($"{admitted.Reason}. The run was not started; once the rules allow it: keelson change start {admitted.Id}");
    }

    public async Task RunCreatedAsync(RunAdmissionDecision decision, long runId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Ticket is not { } id)
        {
            return;
        }

        if (!await ChangeStore.LinkRunAsync(connection, transaction, id, runId, control.Now, cancellationToken))
        {
            throw new ChangeException(ChangeErrorKind.Conflict, $"change {id} was started by someone else at the same moment; see keelson change get {id}");
        }

        await ChangeStore.InsertEventAsync(connection, transaction, id, control.Now, "change.started", $"run {runId} started", null, cancellationToken);
    }

    public Task<RunAdmissionDecision> AdmitWaveAsync(WaveAdmissionRequest request, CancellationToken cancellationToken) =>
        WaveAsync(request, ChangePhase.BeforeWave, cancellationToken);

    public Task<RunAdmissionDecision> WaveEndedAsync(WaveAdmissionRequest request, CancellationToken cancellationToken) =>
        WaveAsync(request, ChangePhase.AfterWave, cancellationToken);

    private async Task<RunAdmissionDecision> WaveAsync(WaveAdmissionRequest request, ChangePhase phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await control.Store.ByRunAsync(request.RunId, cancellationToken) is not { } change)
        {
            return RunAdmissionDecision.Admit;
        }

        return await control.AdmitWaveAsync(change, phase, request, cancellationToken) is { } reason
            ? RunAdmissionDecision.Refuse(reason)
            : RunAdmissionDecision.Admit;
    }
}
