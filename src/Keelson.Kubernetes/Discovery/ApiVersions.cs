namespace Keelson.Kubernetes.Discovery;

/// <summary>The answer of <c>/api</c>: the versions of the core group.</summary>
public sealed class ApiVersions
{
    /// <summary>Always <c>APIVersions</c>.</summary>
    public string? Kind { get; set; } = "APIVersions";

    /// <summary>Core group versions, e.g. <c>v1</c>.</summary>
    public List<string> Versions { get; set; } = [];
}
