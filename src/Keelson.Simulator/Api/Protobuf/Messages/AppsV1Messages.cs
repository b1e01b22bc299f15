namespace Keelson.Simulator.Api.Protobuf.Messages;

/// <summary>The protobuf messages of apps/v1: Deployment and its strategy (language: see <see cref="MessageTable"/>).</summary>
internal static class AppsV1Messages
{
    public const string Text = """
        package k8s.io.api.apps.v1 apps/v1

        message Deployment kind
          1 metadata ObjectMeta
          2 spec DeploymentSpec
          3 status DeploymentStatus

        message DeploymentCondition
          1 type string
          2 status string
          4 reason string
          5 message string
          6 lastUpdateTime Time
          7 lastTransitionTime Time

        message DeploymentSpec
          1 replicas *int32
          2 selector LabelSelector
          3 template PodTemplateSpec
          4 strategy DeploymentStrategy
          5 minReadySeconds int32
          6 revisionHistoryLimit *int32
          7 paused bool
          9 progressDeadlineSeconds *int32

        message DeploymentStatus
          1 observedGeneration int64
          2 replicas int32
          3 updatedReplicas int32
          4 availableReplicas int32
          5 unavailableReplicas int32
          6 conditions []DeploymentCondition
          7 readyReplicas int32
          8 collisionCount *int32
          9 terminatingReplicas *int32

        message DeploymentStrategy
          1 type string
          2 rollingUpdate RollingUpdateDeployment

        message RollingUpdateDeployment
          1 maxUnavailable IntOrString
          2 maxSurge IntOrString
        """;
}
