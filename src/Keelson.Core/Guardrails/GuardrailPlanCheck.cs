using System.Text.RegularExpressions;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Guardrails;

/// <summary>
/// Dry runs: says which budgets a plan's destructive actions would draw on, with what each has used
/// now, and whether the plan would run one out (braking the run there) — plus the emergency brake and
/// open circuits, which would brake its first destructive action.
/// </summary>
internal sealed partial class GuardrailPlanCheck(GuardrailService guardrails) : IFlowPlanCheck
{
    private const string Name = "guardrails";

    public async Task<IReadOnlyList<FlowPlanFinding>> CheckAsync(IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var charges = actions.Select(Classify).OfType<GuardrailCharge>().ToList();
        if (charges.Count == 0)
        {
            return [];
        }

        var findings = new List<FlowPlanFinding>();
        var status = await guardrails.StatusAsync(cancellationToken);
        if (status.Brake.Engaged)
        {
            findings.Add(new FlowPlanFinding(Name, "emergency brake", true, $"the emergency brake is on ({status.Brake.EngagedBy}: {status.Brake.Reason}): the first destructive action would be braked"));
        }

        var scopes = charges.Select(c => GuardrailGate.ClusterScope(c.Cluster)).Append("fleet").ToHashSet(StringComparer.Ordinal);
        foreach (var circuit in status.Circuits.Where(c => scopes.Contains(c.Scope)))
        {
            findings.Add(new FlowPlanFinding(Name, $"circuit {circuit.Scope}", true, $"circuit {circuit.Scope} is {circuit.State}: {circuit.Reason}"));
        }

        foreach (var forecast in await guardrails.ForecastAsync(charges, cancellationToken))
        {
            var message = forecast.WouldExceed
                ? $"would exceed: {forecast.Used} used + {forecast.Planned} planned > {forecast.Limit}; the action that runs it out would be braked and circuit {forecast.Scope} would open"
                : $"fits: {forecast.Used} used + {forecast.Planned} planned of {forecast.Limit}";
            findings.Add(new FlowPlanFinding(Name, $"{forecast.Budget} on {forecast.Scope}", forecast.WouldExceed, message));
        }

        return findings;
    }

    /// <summary>A planned action as the gate will classify it when it runs.</summary>
    internal static GuardrailCharge? Classify(PlannedAction action)
    {
        if (action.Cluster is not { } cluster)
        {
            return null;
        }

        return action.Verb switch
        {
            PlannedVerb.Delete => new GuardrailCharge(GuardrailVerbs.Delete, action.Kind, cluster, 1),
            PlannedVerb.Evict => new GuardrailCharge(GuardrailVerbs.Evict, action.Kind, cluster, 1),
            PlannedVerb.Change when action.Kind == "Node" && action.Detail?.StartsWith("cordon", StringComparison.Ordinal) == true => new GuardrailCharge(GuardrailVerbs.Cordon, "Node", cluster, 1),
            PlannedVerb.Change when action.Detail is { } detail && ScaleToZero().IsMatch(detail) => new GuardrailCharge(GuardrailVerbs.ScaleToZero, action.Kind, cluster, 1),
            _ => null,
        };
    }

    // What kube.scale's plan says about a scale: "replicas 5 → 0".
    [GeneratedRegex(@"^replicas \d+ → 0$")]
    private static partial Regex ScaleToZero();
}
