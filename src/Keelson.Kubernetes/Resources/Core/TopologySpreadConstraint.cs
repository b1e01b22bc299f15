using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>How a group of pods spreads across topology domains.</summary>
public sealed class TopologySpreadConstraint
{
    /// <summary>Selects the pods counted in each domain.</summary>
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Pod label keys whose values narrow the selected pods to the incoming pod's group.</summary>
    public List<string>? MatchLabelKeys { get; set; }

    /// <summary>The most the number of matching pods may differ between domains.</summary>
    public int? MaxSkew { get; set; }

    /// <summary>Minimum number of eligible domains.</summary>
    public int? MinDomains { get; set; }

    /// <summary><c>Honor</c> or <c>Ignore</c>: whether node affinity limits the counted domains.</summary>
    public string? NodeAffinityPolicy { get; set; }

    /// <summary><c>Honor</c> or <c>Ignore</c>: whether node taints limit the counted domains.</summary>
    public string? NodeTaintsPolicy { get; set; }

    /// <summary>Node label whose value defines a domain.</summary>
    public string? TopologyKey { get; set; }

    /// <summary><c>DoNotSchedule</c> or <c>ScheduleAnyway</c>.</summary>
    public string? WhenUnsatisfiable { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
