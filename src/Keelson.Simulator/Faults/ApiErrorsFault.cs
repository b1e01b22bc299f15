using System.Globalization;
using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>A share of the cluster's API requests fail with 429 (with Retry-After), 500 or 503.</summary>
internal sealed class ApiErrorsFault : IFaultType
{
    public string Name => "apiErrors";

    public string Description => "a share of API requests fail (code=429|500|503, rate=0.3, retryAfter=1s)";

    public string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster)
    {
        if (FaultTargets.Require(parameters, "code", "429") is { } missing)
        {
            return missing;
        }

        if (parameters["code"] is not ("429" or "500" or "503"))
        {
            return $"parameter \"code\": {parameters["code"]} is not one of 429, 500, 503";
        }

        var rate = FaultTargets.Number(parameters, "rate", 1);
        return rate is < 0 or > 1 || (parameters.TryGetValue("rate", out var text) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? "parameter \"rate\" must be a share between 0 and 1, e.g. rate=0.3"
            : FaultTargets.CheckDuration(parameters, "retryAfter");
    }

    public void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) =>
        cluster.Faults.Api.Errors = (
            int.Parse(parameters["code"], CultureInfo.InvariantCulture),
            FaultTargets.Number(parameters, "rate", 1),
            FaultTargets.Duration(parameters, "retryAfter", TimeSpan.FromSeconds(1)));

    public void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => cluster.Faults.Api.Errors = null;

    public InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster) => FaultTargets.ClusterWide(cluster);
}
