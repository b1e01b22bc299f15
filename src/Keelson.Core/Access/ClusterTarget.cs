namespace Keelson.Core.Access;

/// <summary>A cluster as authorization sees it: its name and its tags (environment, region, tier, ...).</summary>
/// <param name="Name">The cluster's registered name.</param>
/// <param name="Tags">The cluster's tags; selectors in grants are matched against them.</param>
public sealed record ClusterTarget(string Name, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>A cluster with no tags.</summary>
    public ClusterTarget(string name)
        : this(name, new Dictionary<string, string>())
    {
    }
}
