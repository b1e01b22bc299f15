using Keelson.Core.Audit;
using Keelson.Core.Flows;

namespace Keelson.Cli;

/// <summary>The example flows shipped in <c>flows/</c> (embedded in the executable), applied by <c>keelson up</c> on first start.</summary>
internal static class ExampleFlows
{
    /// <summary>Applies every example when the database holds no flow yet; returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyOnFirstStartAsync(FlowService flows, CancellationToken ct)
    {
        if ((await flows.ListFlowsAsync(null, 1, ct)).Count > 0)
        {
            return [];
        }

        var assembly = typeof(ExampleFlows).Assembly;
        var applied = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("flows/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            await using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var result = await flows.ApplyAsync(AuditActor.System, await reader.ReadToEndAsync(ct), resource, ct);
            applied.Add(result.Flow.Name);
        }

        return applied;
    }
}
