namespace Keelson.Core.Flows;

/// <summary>The default gate: allows every action (guardrails replace it).</summary>
public sealed class AllowAllActionGate : IActionGate
{
    /// <inheritdoc />
    public Task<GateDecision> CheckAsync(ActionGateRequest request, CancellationToken cancellationToken) => Task.FromResult(GateDecision.Allow);
}
