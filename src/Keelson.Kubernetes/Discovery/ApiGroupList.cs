namespace Keelson.Kubernetes.Discovery;

/// <summary>The answer of <c>/apis</c>: every named API group.</summary>
public sealed class ApiGroupList
{
    /// <summary>Always <c>APIGroupList</c>.</summary>
    public string? Kind { get; set; } = "APIGroupList";

    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; set; } = "v1";

    /// <summary>The groups.</summary>
    public List<ApiGroup> Groups { get; set; } = [];
}
