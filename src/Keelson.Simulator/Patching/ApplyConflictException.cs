using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// 409 Conflict: a server-side apply would change fields another manager owns. Message and causes are
/// kube-apiserver's: <c>Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas</c>,
/// one cause (<c>FieldManagerConflict</c>) per field. Applying again with <c>force=true</c> takes the fields over.
/// </summary>
public sealed class ApplyConflictException : StatusException
{
    internal ApplyConflictException(IReadOnlyList<(ManagerIdentity Manager, string Path)> conflicts)
        : base(409, "Conflict", Describe(conflicts), new StatusDetails
        {
            Causes = conflicts
                .Select(c => new StatusCause { Reason = "FieldManagerConflict", Message = $"conflict with {c.Manager.Describe()}", Field = c.Path })
                .ToList(),
        })
    {
        Conflicts = conflicts.Select(c => (c.Manager.Manager, c.Path)).ToList();
    }

    /// <summary>Each conflicting field with the manager that owns it, e.g. (<c>kubectl-client-side-apply</c>, <c>.spec.replicas</c>).</summary>
    public IReadOnlyList<(string Manager, string Path)> Conflicts { get; }

    private static string Describe(IReadOnlyList<(ManagerIdentity Manager, string Path)> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager.Describe()}: {conflicts[0].Path}";
        }

        var lines = conflicts
            .GroupBy(c => c.Manager)
            .OrderBy(g => g.Key.Describe(), StringComparer.Ordinal)
            .SelectMany(g => g.Select(c => "- " + c.Path).Prepend($"conflicts with {g.Key.Describe()}:"));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join('\n', lines)}";
    }
}
