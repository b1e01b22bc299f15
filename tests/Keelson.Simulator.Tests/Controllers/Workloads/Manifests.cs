using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.Workloads;

/// <summary>The objects tests create, written as a user would write them.</summary>
internal static class Manifests
{
    public static PodTemplateSpec Template(string app, string image = "nginx:1.25", string restartPolicy = "Always") => new()
    {
        Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new PodSpec
        {
            RestartPolicy = restartPolicy,
            TerminationGracePeriodSeconds = 30,
            Containers = [new Container { Name = "main", Image = image }],
        },
    };

    public static LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    public static ReplicaSet ReplicaSet(string name, int replicas, string image = "nginx:1.25", int minReadySeconds = 0) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ReplicaSet",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec { Replicas = replicas, MinReadySeconds = minReadySeconds, Selector = Selector(name), Template = Template(name, image) },
    };

    public static Deployment Deployment(string name, int replicas, string image = "nginx:1.25") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec { Replicas = replicas, Selector = Selector(name), Template = Template(name, image) },
    };

    public static Job Job(string name, int completions, int parallelism, string image = "batch:v1") => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            Template = new PodTemplateSpec { Spec = Template(name, image, restartPolicy: "Never").Spec },
        },
    };

    public static Pod Pod(string name, string app) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = Template(app).Spec,
    };
}
