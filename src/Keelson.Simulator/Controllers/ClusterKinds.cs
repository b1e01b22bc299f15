using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers;

/// <summary>The resource kinds controllers use, looked up once.</summary>
public sealed class ClusterKinds
{
    /// <summary>Looks the kinds up in <paramref name="catalog"/>.</summary>
    public ClusterKinds(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ResourceKind Find(string apiVersion, string kind) =>
            catalog.ByKind(apiVersion, kind) ?? throw new InvalidOperationException($"the catalog does not serve {apiVersion} {kind}");
        Namespace = Find("v1", "Namespace");
        Node = Find("v1", "Node");
        Pod = Find("v1", "Pod");
        Service = Find("v1", "Service");
        Endpoints = Find("v1", "Endpoints");
        Event = Find("v1", "Event");
        ServiceAccount = Find("v1", "ServiceAccount");
        Deployment = Find("apps/v1", "Deployment");
        ReplicaSet = Find("apps/v1", "ReplicaSet");
        StatefulSet = Find("apps/v1", "StatefulSet");
        DaemonSet = Find("apps/v1", "DaemonSet");
        ControllerRevision = Find("apps/v1", "ControllerRevision");
        Job = Find("batch/v1", "Job");
        Lease = Find("coordination.k8s.io/v1", "Lease");
        PodDisruptionBudget = Find("policy/v1", "PodDisruptionBudget");
    }

    /// <summary>The Namespace resource.</summary>
    public ResourceKind Namespace { get; }

    /// <summary>The Node resource.</summary>
    public ResourceKind Node { get; }

    /// <summary>The Pod resource.</summary>
    public ResourceKind Pod { get; }

    /// <summary>The Service resource.</summary>
    public ResourceKind Service { get; }

    /// <summary>The Endpoints resource.</summary>
    public ResourceKind Endpoints { get; }

    /// <summary>The Event resource.</summary>
    public ResourceKind Event { get; }

    /// <summary>The ServiceAccount resource.</summary>
    public ResourceKind ServiceAccount { get; }

    /// <summary>The Deployment resource.</summary>
    public ResourceKind Deployment { get; }

    /// <summary>The ReplicaSet resource.</summary>
    public ResourceKind ReplicaSet { get; }

    /// <summary>The StatefulSet resource.</summary>
    public ResourceKind StatefulSet { get; }

    /// <summary>The DaemonSet resource.</summary>
    public ResourceKind DaemonSet { get; }

    /// <summary>The ControllerRevision resource.</summary>
    public ResourceKind ControllerRevision { get; }

    /// <summary>The Job resource.</summary>
    public ResourceKind Job { get; }

    /// <summary>The Lease resource.</summary>
    public ResourceKind Lease { get; }

    /// <summary>The PodDisruptionBudget resource.</summary>
    public ResourceKind PodDisruptionBudget { get; }
}
