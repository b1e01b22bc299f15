namespace Keelson.Simulator.Schema.Definitions;

/// <summary>The schema sources of the built-in registry, in dependency-free order (references resolve after all are read).</summary>
internal static class BuiltInDefinitions
{
    public static IEnumerable<(string Source, string Text)> Sources =>
    [
        ("meta/v1", MetaV1Schema.Text),
        ("core/v1 pods", CoreV1PodSchema.Text),
        ("core/v1", CoreV1Schema.Text),
        ("apps/v1", AppsV1Schema.Text),
        ("batch/v1", BatchV1Schema.Text),
        ("cluster groups", ClusterV1Schema.Text),
    ];
}
