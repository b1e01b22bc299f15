using Keelson.Kubernetes.Selectors;

namespace Keelson.Core.Clusters;

/// <summary>Cluster tags follow Kubernetes label syntax, so tag selectors are label selectors.</summary>
public static class ClusterTags
{
    /// <summary>The tags every SRE sets: environment, region, zone and importance tier.</summary>
    public static IReadOnlyList<string> WellKnown { get; } = ["env", "region", "zone", "tier"];

    /// <summary>Null when every key and value is a valid label key and value, else what is wrong.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (key, value) in tags)
        {
            try
            {
                _ = new LabelRequirement(key, SelectorOperator.Equal, [value]);
            }
            catch (FormatException e)
            {
                return $"tag {key}={value}: {e.Message}";
            }
        }

        return null;
    }
}
