namespace Keelson.Kubernetes.Discovery;

/// <summary>One API group with its versions.</summary>
public sealed class ApiGroup
{
    /// <summary>Always <c>APIGroup</c> when served alone.</summary>
    public string? Kind { get; set; }

    /// <summary><c>v1</c> when served alone.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The group name, e.g. <c>apps</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The versions served.</summary>
    public List<GroupVersionEntry> Versions { get; set; } = [];

    /// <summary>The version clients should prefer.</summary>
    public GroupVersionEntry? PreferredVersion { get; set; }
}
