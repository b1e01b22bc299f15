using System.Data.Common;

namespace Keelson.Core.Flows;

/// <summary>The default admission: every run and every wave goes (change control replaces it).</summary>
public sealed class AdmitAllRuns : IRunAdmission
{
    /// <inheritdoc />
    public Task<RunAdmissionDecision> AdmitRunAsync(RunAdmissionRequest request, CancellationToken cancellationToken) => Task.FromResult(RunAdmissionDecision.Admit);

    /// <inheritdoc />
    public Task RunCreatedAsync(RunAdmissionDecision decision, long runId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<RunAdmissionDecision> AdmitWaveAsync(WaveAdmissionRequest request, CancellationToken cancellationToken) => Task.FromResult(RunAdmissionDecision.Admit);

    /// <inheritdoc />
    public Task<RunAdmissionDecision> WaveEndedAsync(WaveAdmissionRequest request, CancellationToken cancellationToken) => Task.FromResult(RunAdmissionDecision.Admit);
}
