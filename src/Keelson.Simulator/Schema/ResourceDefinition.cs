using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Schema;

/// <summary>A resource the simulator serves: where it lives, its schema, subresources and verbs.</summary>
public sealed class ResourceDefinition
{
    internal ResourceDefinition(
        ApiResource resource,
        TypeSchema schema,
        TypeSchema listSchema,
        IReadOnlyList<string> subresources,
        IReadOnlyList<string> verbs,
        IReadOnlyList<string> shortNames)
    {
        Resource = resource;
        Schema = schema;
        ListSchema = listSchema;
        Subresources = subresources;
        Verbs = verbs;
        ShortNames = shortNames;
    }

    /// <summary>Group, version, kind, plural and scope.</summary>
    public ApiResource Resource { get; }

    /// <summary>The kind's identity.</summary>
    public GroupVersionKind GroupVersionKind => new(Resource.Group, Resource.Version, Resource.Kind);

    /// <summary>The schema of one object.</summary>
    public TypeSchema Schema { get; }

    /// <summary>The schema of a list of objects (<c>DeploymentList</c>).</summary>
    public TypeSchema ListSchema { get; }

    /// <summary>Subresources served under each object: <c>status</c>, <c>scale</c>, <c>eviction</c>, <c>binding</c>, <c>log</c>, <c>finalize</c>.</summary>
    public IReadOnlyList<string> Subresources { get; }

    /// <summary>Verbs of the main resource as discovery lists them, e.g. <c>get</c>, <c>list</c>, <c>watch</c>.</summary>
    public IReadOnlyList<string> Verbs { get; }

    /// <summary>Short names kubectl accepts, e.g. <c>deploy</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; }

    /// <summary>Whether the resource serves <paramref name="subresource"/>.</summary>
    public bool HasSubresource(string subresource) => Subresources.Contains(subresource, StringComparer.Ordinal);

    /// <summary>Whether the resource supports <paramref name="verb"/>.</summary>
    public bool Supports(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Resource.ToString();
}
