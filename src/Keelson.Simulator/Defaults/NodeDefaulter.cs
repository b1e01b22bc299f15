using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Nodes: allocatable defaults to capacity, and the status structs Go always writes (<c>daemonEndpoints</c>,
/// <c>nodeInfo</c> with its required strings) are present even before a kubelet reports.
/// </summary>
internal sealed class NodeDefaulter : IKindDefaulter
{
    private static readonly string[] NodeInfoFields =
    [
        "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion",
        "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture",
    ];

    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        obj.GetOrAddObject("spec");
        var status = obj.GetOrAddObject("status");
        if (status.IsNull("allocatable") && status.GetObject("capacity") is { } capacity)
        {
            status["allocatable"] = capacity.DeepClone();
        }

        status.GetOrAddObject("daemonEndpoints").GetOrAddObject("kubeletEndpoint").DefaultPointer("Port", 0);
        var nodeInfo = status.GetOrAddObject("nodeInfo");
        foreach (var field in NodeInfoFields)
        {
            nodeInfo.DefaultPointer(field, "");
        }
    }
}
