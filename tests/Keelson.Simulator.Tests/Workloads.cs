using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests;

/// <summary>Small, valid objects for tests.</summary>
internal static class Workloads
{
    public static Pod Pod(string name, string? nodeName = null, Dictionary<string, string>? labels = null, string image = "nginx:1.25") => new()
    {
        Metadata = new() { Name = name, Labels = labels },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            Containers = [new Container { Name = "app", Image = image }],
        },
    };

    public static Deployment Deployment(string name, int replicas, string image = "nginx:1.25") => new()
    {
        Metadata = new() { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new() { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = image }] },
            },
        },
    };
}
