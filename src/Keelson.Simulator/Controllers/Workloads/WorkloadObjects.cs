using System.Globalization;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Controllers.Workloads;

/// <summary>
/// The objects a scenario workload stands for, written complete (with what kube-apiserver
/// would default) so that they read like a real cluster's.
/// </summary>
internal static class WorkloadObjects
{
    /// <summary>The namespace holding workloads.</summary>
    public static Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } },
    };

    /// <summary>The Deployment, StatefulSet or DaemonSet.</summary>
    /// <exception cref="ArgumentException">The kind is none of those.</exception>
    public static KubernetesObject Workload(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = spec.Name } };
        return spec.Kind switch
        {
            "Deployment" => new Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = Metadata(spec),
                Spec = new DeploymentSpec
                {
                    Replicas = spec.Replicas,
                    Selector = selector,
                    Template = Template(spec),
                    Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" } },
                    RevisionHistoryLimit = 10,
                    ProgressDeadlineSeconds = 600,
                },
            },
            "StatefulSet" => new StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = Metadata(spec),
                Spec = new StatefulSetSpec
                {
                    Replicas = spec.Replicas,
                    Selector = selector,
                    ServiceName = spec.Name,
                    Template = Template(spec),
                    PodManagementPolicy = "OrderedReady",
                    UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = 0 } },
                    RevisionHistoryLimit = 10,
                    PersistentVolumeClaimRetentionPolicy = new StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Retain", WhenScaled = "Retain" },
                },
            },
            "DaemonSet" => new DaemonSet
            {
                ApiVersion = "apps/v1",
                Kind = "DaemonSet",
                Metadata = Metadata(spec),
                Spec = new DaemonSetSpec
                {
                    Selector = selector,
                    Template = Template(spec),
                    UpdateStrategy = new DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDaemonSet { MaxSurge = 0, MaxUnavailable = 1 } },
                    RevisionHistoryLimit = 10,
                },
            },
            var other => throw new ArgumentException(
                $"workload \"{spec.Namespace}/{spec.Name}\" has kind \"{other}\"; use Deployment, StatefulSet or DaemonSet", nameof(spec)),
        };
    }

    /// <summary>The Service in front of the workload's port (headless for a StatefulSet: it is the set's governing service).</summary>
    public static Service Service(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var headless = spec.Kind == "StatefulSet";
        return new Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(spec),
            Spec = new ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = spec.Name },
                Ports = [new ServicePort { Name = PortName(spec), Port = spec.Port, TargetPort = spec.Port, Protocol = "TCP" }],
                Type = "ClusterIP",
                ClusterIP = headless ? "None" : null,
                ClusterIPs = headless ? ["None"] : null,
                SessionAffinity = "None",
                IpFamilies = ["IPv4"],
                IpFamilyPolicy = "SingleStack",
                InternalTrafficPolicy = "Cluster",
            },
        };
    }

    /// <summary>The PodDisruptionBudget of the workload's pods.</summary>
    public static PodDisruptionBudget DisruptionBudget(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var budget = spec.Pdb ?? throw new ArgumentException($"workload \"{spec.Namespace}/{spec.Name}\" has no pdb", nameof(spec));
        return new PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Metadata(spec),
            Spec = new PodDisruptionBudgetSpec
            {
                Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = spec.Name } },
                MinAvailable = Count(budget.MinAvailable),
                MaxUnavailable = Count(budget.MaxUnavailable),
            },
        };
    }

    private static ObjectMeta Metadata(WorkloadSpec spec) => new()
    {
        Name = spec.Name,
        Namespace = spec.Namespace,
        Labels = Labels(spec),
    };

    private static Dictionary<string, string> Labels(WorkloadSpec spec)
    {
        var labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal) { ["app"] = spec.Name };
        return labels;
    }

    private static PodTemplateSpec Template(WorkloadSpec spec)
    {
        var limits = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse(spec.Memory) };
        if (!string.IsNullOrEmpty(spec.CpuLimit))
        {
            limits["cpu"] = Quantity.Parse(spec.CpuLimit);
        }

        var container = new Container
        {
            Name = spec.Name,
            Image = spec.Image,
            ImagePullPolicy = spec.Image.EndsWith(":latest", StringComparison.Ordinal) || !spec.Image.Contains(':', StringComparison.Ordinal) ? "Always" : "IfNotPresent",
            Resources = new ResourceRequirements
            {
                Requests = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse(spec.Cpu), ["memory"] = Quantity.Parse(spec.Memory) },
                Limits = limits,
            },
            TerminationMessagePath = "/dev/termination-log",
            TerminationMessagePolicy = "File",
        };
        if (spec.Port > 0)
        {
            container.Ports = [new ContainerPort { Name = PortName(spec), Port = spec.Port, Protocol = "TCP" }];
        }

        return new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = Labels(spec) },
            Spec = new PodSpec
            {
                Containers = [container],
                RestartPolicy = "Always",
                TerminationGracePeriodSeconds = 30,
                DnsPolicy = "ClusterFirst",
                SchedulerName = "default-scheduler",
                SecurityContext = new PodSecurityContext(),
            },
        };
    }

    /// <summary>A port name from the workload's port: the usual protocol names for well-known ports, else <c>tcp-PORT</c>.</summary>
    private static string PortName(WorkloadSpec spec) => spec.Port switch
    {
        80 or 8080 or 3000 or 5000 or 8000 => "http",
        443 or 8443 => "https",
        5432 => "postgres",
        3306 => "mysql",
        6379 => "redis",
        9090 => "metrics",
        _ => "tcp-" + spec.Port.ToString(CultureInfo.InvariantCulture),
    };

    private static IntOrString? Count(string? text) =>
        text is null ? null : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : text;
}
