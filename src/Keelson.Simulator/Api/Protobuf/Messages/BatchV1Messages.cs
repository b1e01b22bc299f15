namespace Keelson.Simulator.Api.Protobuf.Messages;

/// <summary>The protobuf messages of batch/v1: Job (language: see <see cref="MessageTable"/>).</summary>
internal static class BatchV1Messages
{
    public const string Text = """
        package k8s.io.api.batch.v1 batch/v1

        message Job kind
          1 metadata ObjectMeta
          2 spec JobSpec
          3 status JobStatus

        message JobCondition
          1 type string
          2 status string
          3 lastProbeTime Time
          4 lastTransitionTime Time
          5 reason string
          6 message string

        message JobSpec
          1 parallelism *int32
          2 completions *int32
          3 activeDeadlineSeconds *int64
          4 selector LabelSelector
          5 manualSelector *bool
          6 template PodTemplateSpec
          7 backoffLimit *int32
          8 ttlSecondsAfterFinished *int32
          9 completionMode *string
          10 suspend *bool
          11 podFailurePolicy PodFailurePolicy
          12 backoffLimitPerIndex *int32
          13 maxFailedIndexes *int32
          14 podReplacementPolicy *string
          15 managedBy *string
          16 successPolicy SuccessPolicy

        message JobStatus
          1 conditions []JobCondition
          2 startTime Time
          3 completionTime Time
          4 active int32
          5 succeeded int32
          6 failed int32
          7 completedIndexes string
          8 uncountedTerminatedPods UncountedTerminatedPods
          9 ready *int32
          10 failedIndexes *string
          11 terminating *int32

        message PodFailurePolicy
          1 rules []PodFailurePolicyRule

        message PodFailurePolicyOnExitCodesRequirement
          1 containerName *string
          2 operator string
          3 values []int32

        message PodFailurePolicyOnPodConditionsPattern
          1 type string
          2 status string

        message PodFailurePolicyRule
          1 action string
          2 onExitCodes PodFailurePolicyOnExitCodesRequirement
          3 onPodConditions []PodFailurePolicyOnPodConditionsPattern

        message SuccessPolicy
          1 rules []SuccessPolicyRule

        message SuccessPolicyRule
          1 succeededIndexes *string
          2 succeededCount *int32

        message UncountedTerminatedPods
          1 succeeded []string
          2 failed []string
        """;
}
