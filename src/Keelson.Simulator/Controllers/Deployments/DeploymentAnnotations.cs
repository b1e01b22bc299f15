namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>The annotations the deployment controller keeps on deployments and their replica sets.</summary>
internal static class DeploymentAnnotations
{
    /// <summary>The rollout sequence number of a replica set (and of the deployment: its newest).</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>Earlier revisions a replica set served (it is reused when a deployment rolls back to it).</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary>The deployment's replicas when the replica set was last scaled.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary>Replicas plus max surge when the replica set was last scaled, for proportional scaling.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>Longest revision history kept, in characters (kube: 2000).</summary>
    public const int RevisionHistoryLimitInChars = 2000;

    /// <summary>Deployment annotations not copied to replica sets (all others are, <c>kubernetes.io/change-cause</c> included).</summary>
    public static IReadOnlySet<string> NotCopied { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        Revision,
        RevisionHistory,
        DesiredReplicas,
        MaxReplicas,
        "deprecated.deployment.rollback.to",
    };
}
