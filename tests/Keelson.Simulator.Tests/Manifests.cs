using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Simulator.Tests;

/// <summary>The objects tests create, written as a user would write them.</summary>
internal static class Manifests
{
    /// <summary>A typed object from a YAML manifest.</summary>
    public static T FromYaml<T>(string yaml)
        where T : KubernetesObject => (T)ManifestReader.Read(yaml, "test manifest").Single();

    /// <summary>A pod labelled <c>app=NAME</c> whose one container <c>main</c> requests <paramref name="cpu"/> and <paramref name="memory"/>.</summary>
    public static Pod Pod(string name, string image = "nginx:1.25", string? cpu = "100m", string? memory = "64Mi", Action<Pod>? configure = null)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null)
        {
            requests["cpu"] = Quantity.Parse(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = Quantity.Parse(memory);
        }

        var template = Template(name, image);
        template.Spec!.Containers![0].Resources = new ResourceRequirements { Requests = requests };
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = template.Metadata!.Labels },
            Spec = template.Spec,
        };
        configure?.Invoke(pod);
        return pod;
    }

    /// <summary>A pod template labelled <c>app=APP</c> with one container <c>main</c>.</summary>
    public static PodTemplateSpec Template(string app, string image = "nginx:1.25", string restartPolicy = "Always") => new()
    {
        Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new PodSpec
        {
            RestartPolicy = restartPolicy,
            TerminationGracePeriodSeconds = 30,
            SchedulerName = "default-scheduler",
            Containers = [new Container { Name = "main", Image = image }],
        },
    };

    /// <summary>
    /// A readiness probe that first passes <paramref name="seconds"/> after the container starts: an app that
    /// needs that long to warm up, or with an hour, one that never gets ready while a test runs.
    /// </summary>
    public static Probe ReadyAfter(int seconds) => new() { TcpSocket = new TcpSocketAction { Port = 8080 }, InitialDelaySeconds = seconds, PeriodSeconds = 1 };

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
}
