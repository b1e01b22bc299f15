using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Store;

/// <summary>
/// A resource the simulator serves, with what discovery says about it and what its storage
/// needs to know (which fields selectors may use, whether it tracks generation).
/// </summary>
/// <param name="Resource">Group, version, kind, plural, scope.</param>
/// <param name="Singular">Singular name, e.g. <c>pod</c>.</param>
/// <param name="ShortNames">Short names, e.g. <c>po</c>.</param>
/// <param name="Categories">Categories, e.g. <c>all</c>.</param>
/// <param name="Subresources">Subresources served: status, scale, eviction, binding, log.</param>
/// <param name="SelectableFields">Field selector labels beyond <c>metadata.name</c>/<c>metadata.namespace</c>, as kube-apiserver allows them per kind.</param>
/// <param name="TracksGeneration">Whether <c>metadata.generation</c> counts spec changes.</param>
/// <param name="ReadOnly">Only get and list (metrics).</param>
public sealed record ResourceKind(
    ApiResource Resource,
    string Singular,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Subresources,
    IReadOnlyList<string> SelectableFields,
    bool TracksGeneration,
    bool ReadOnly = false)
{
    /// <summary>The list kind, e.g. <c>PodList</c>.</summary>
    public string ListKind => Resource.Kind + "List";

    /// <summary>Whether writes to the main resource leave status alone (status is written through <c>/status</c>).</summary>
    public bool HasStatusSubresource => Subresources.Contains("status");

    /// <summary>The verbs discovery reports.</summary>
    public IReadOnlyList<string> Verbs => ReadOnly
        ? ["get", "list"]
        : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>
    /// The value a selectable field has when the object leaves it out: kube-apiserver formats
    /// absent booleans as <c>false</c> (<c>spec.unschedulable=false</c> selects schedulable nodes).
    /// </summary>
    public static string FieldDefault(string field) => field is "spec.unschedulable" or "spec.hostNetwork" ? "false" : "";

    /// <summary>
    /// Whether a selectable field names one object rather than a value many share (an involved
    /// object's name, uid or version, a pod's IP), so storing it must not intern it.
    /// </summary>
    public static bool IsUniqueField(string field) =>
        field is "status.podIP" || field.EndsWith(".name", StringComparison.Ordinal) || field.EndsWith(".uid", StringComparison.Ordinal) || field.EndsWith(".resourceVersion", StringComparison.Ordinal);

    /// <summary>The index of a selectable field in <see cref="StoredObject.Fields"/>, or -1.</summary>
    public int FieldIndex(string field)
    {
        for (var i = 0; i < SelectableFields.Count; i++)
        {
            if (SelectableFields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => Resource.ToString();
}
