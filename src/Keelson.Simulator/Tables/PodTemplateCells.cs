using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>The wide CONTAINERS and IMAGES cells of workloads: the template's containers joined by commas.</summary>
internal static class PodTemplateCells
{
    /// <summary>Names and images of <c>spec.template.spec.containers</c> of a workload.</summary>
    public static (string Names, string Images) Containers(JsonObject workload)
    {
        var containers = workload.GetObject("spec").GetObject("template").GetObject("spec").GetArray("containers").Objects().ToList();
        return (
            string.Join(",", containers.Select(c => c.GetStringOrEmpty("name"))),
            string.Join(",", containers.Select(c => c.GetStringOrEmpty("image"))));
    }
}
