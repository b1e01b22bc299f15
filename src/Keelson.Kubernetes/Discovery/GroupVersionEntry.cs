namespace Keelson.Kubernetes.Discovery;

/// <summary>A version of a group as discovery lists it.</summary>
public sealed class GroupVersionEntry
{
    /// <summary><c>group/version</c>, e.g. <c>apps/v1</c>.</summary>
    public string GroupVersion { get; set; } = "";

    /// <summary>The version alone, e.g. <c>v1</c>.</summary>
    public string Version { get; set; } = "";
}
