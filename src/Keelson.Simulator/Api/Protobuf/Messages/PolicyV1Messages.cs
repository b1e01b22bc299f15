namespace Keelson.Simulator.Api.Protobuf.Messages;

/// <summary>The protobuf messages of policy/v1: PodDisruptionBudget (language: see <see cref="MessageTable"/>).</summary>
internal static class PolicyV1Messages
{
    public const string Text = """
        package k8s.io.api.policy.v1 policy/v1

        message PodDisruptionBudget kind
          1 metadata ObjectMeta
          2 spec PodDisruptionBudgetSpec
          3 status PodDisruptionBudgetStatus

        message PodDisruptionBudgetSpec
          1 minAvailable IntOrString
          2 selector LabelSelector
          3 maxUnavailable IntOrString
          4 unhealthyPodEvictionPolicy *string

        message PodDisruptionBudgetStatus
          1 observedGeneration int64
          2 disruptedPods map[string]Time
          3 disruptionsAllowed int32
          4 currentHealthy int32
          5 desiredHealthy int32
          6 expectedPods int32
          7 conditions []Condition
        """;
}
