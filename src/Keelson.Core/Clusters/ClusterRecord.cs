namespace Keelson.Core.Clusters;

/// <summary>A registered cluster as Keelson reports it (never its credentials).</summary>
/// <param name="Name">Keelson's name for the cluster.</param>
/// <param name="Server">The API server URL.</param>
/// <param name="Tags">Tags: env, region, zone, tier and free-form labels.</param>
/// <param name="KubernetesVersion">The version found at the last connection check.</param>
/// <param name="NodeCount">The node count found at the last connection check.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ClusterRecord(
    string Name,
    string Server,
    IReadOnlyDictionary<string, string> Tags,
    string? KubernetesVersion,
    int? NodeCount,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt);
