namespace Keelson.Kubernetes.Discovery;

/// <summary>One resource (or subresource) as discovery lists it.</summary>
public sealed class DiscoveredResource
{
    /// <summary>Plural name, e.g. <c>deployments</c>, or <c>deployments/scale</c> for a subresource.</summary>
    public string Name { get; set; } = "";

    /// <summary>Singular name, e.g. <c>deployment</c>.</summary>
    public string? SingularName { get; set; }

    /// <summary>Whether objects live in namespaces.</summary>
    public bool Namespaced { get; set; }

    /// <summary>Group of a subresource's kind when it differs (e.g. <c>autoscaling</c> for scale).</summary>
    public string? Group { get; set; }

    /// <summary>Version of a subresource's kind when it differs.</summary>
    public string? Version { get; set; }

    /// <summary>The kind, e.g. <c>Deployment</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Verbs supported: get, list, watch, create, update, patch, delete, deletecollection.</summary>
    public List<string> Verbs { get; set; } = [];

    /// <summary>Short names, e.g. <c>deploy</c>.</summary>
    public List<string>? ShortNames { get; set; }

    /// <summary>Categories, e.g. <c>all</c>.</summary>
    public List<string>? Categories { get; set; }

    /// <summary>Hash of the storage version (opaque).</summary>
    public string? StorageVersionHash { get; set; }
}
