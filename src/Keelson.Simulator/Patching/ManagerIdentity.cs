using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// Who owns a set of fields: a field manager, whether it applied or updated, through which subresource and, for
/// updates, in which API version — the parts kube-apiserver tells managed fields entries apart by.
/// </summary>
/// <param name="Manager">The field manager, e.g. <c>kubectl</c>.</param>
/// <param name="Operation"><c>Apply</c> or <c>Update</c>.</param>
/// <param name="ApiVersion">The API version of an update; empty for appliers, which own fields across versions.</param>
/// <param name="Subresource">The subresource written through, or empty.</param>
internal readonly record struct ManagerIdentity(string Manager, string Operation, string ApiVersion, string Subresource)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    /// <summary>Whether this manager applied its fields.</summary>
    public bool IsApplier => Operation == ApplyOperation;

    /// <summary>How conflict messages name the manager: <c>"kubectl-client-side-apply" using apps/v1</c>.</summary>
    public string Describe()
    {
        var text = GoText.Quote(Manager);
        if (Subresource.Length > 0)
        {
            text += $" with subresource {GoText.Quote(Subresource)}";
        }

        return Operation == UpdateOperation ? $"{text} using {ApiVersion}" : text;
    }
}
