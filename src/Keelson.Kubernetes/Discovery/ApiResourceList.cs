namespace Keelson.Kubernetes.Discovery;

/// <summary>The answer of <c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>: the resources of one group version.</summary>
public sealed class ApiResourceList
{
    /// <summary>Always <c>APIResourceList</c>.</summary>
    public string? Kind { get; set; } = "APIResourceList";

    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; set; } = "v1";

    /// <summary>The group version listed, e.g. <c>apps/v1</c>.</summary>
    public string GroupVersion { get; set; } = "";

    /// <summary>Its resources and subresources (<c>pods/log</c>).</summary>
    public List<DiscoveredResource> Resources { get; set; } = [];
}
