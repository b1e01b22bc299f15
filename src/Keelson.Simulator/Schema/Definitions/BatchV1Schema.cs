namespace Keelson.Simulator.Schema.Definitions;

/// <summary>batch/v1 jobs (language: see <see cref="SchemaParser"/>).</summary>
internal static class BatchV1Schema
{
    public const string Text = """
        package io.k8s.api.batch.v1 v1

        type Job kind=batch/v1/Job "Job represents the configuration of a single job."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec JobSpec "Specification of the desired behavior of a job."
          status JobStatus "Current status of a job."

        type JobSpec "JobSpec describes how the job execution will look like."
          parallelism *int32 "Specifies the maximum desired number of pods the job should run at any given time."
          completions *int32 "Specifies the desired number of successfully finished pods the job should be run with."
          activeDeadlineSeconds *int64 "Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it; value must be positive integer."
          podFailurePolicy *PodFailurePolicy "Specifies the policy of handling failed pods."
          successPolicy *SuccessPolicy "successPolicy specifies the policy when the Job can be declared as succeeded."
          backoffLimit *int32 "Specifies the number of retries before marking this job failed. Defaults to 6"
          backoffLimitPerIndex *int32 "Specifies the limit for the number of retries within an index before marking this index as failed."
          maxFailedIndexes *int32 "Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set."
          selector *LabelSelector "A label query over pods that should match the pod count. Normally, the system sets this field for you."
          manualSelector *bool "manualSelector controls generation of pod labels and pod selectors. Leave `manualSelector` unset unless you are certain what you are doing."
          template PodTemplateSpec required "Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are \"Never\" or \"OnFailure\"."
          ttlSecondsAfterFinished *int32 "ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed)."
          completionMode *string go=v1.CompletionMode "completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`."
          suspend *bool "suspend specifies whether the Job controller should create Pods or not. Defaults to false."
          podReplacementPolicy *string go=v1.PodReplacementPolicy "podReplacementPolicy specifies when to create replacement Pods."
          managedBy *string "ManagedBy field indicates the controller that manages a Job."

        type PodFailurePolicy "PodFailurePolicy describes how failed pods influence the backoffLimit."
          rules []PodFailurePolicyRule required list=atomic "A list of pod failure policy rules. The rules are evaluated in order."

        type PodFailurePolicyRule "PodFailurePolicyRule describes how a pod failure is handled when the requirements are met."
          action string required go=v1.PodFailurePolicyAction "Specifies the action taken on a pod failure when the requirements are satisfied."
          onExitCodes *PodFailurePolicyOnExitCodesRequirement "Represents the requirement on the container exit codes."
          onPodConditions []PodFailurePolicyOnPodConditionsPattern list=atomic "Represents the requirement on the pod conditions."

        type PodFailurePolicyOnExitCodesRequirement "PodFailurePolicyOnExitCodesRequirement describes the requirement for handling a failed pod based on its container exit codes."
          containerName *string "Restricts the check for exit codes to the container with the specified name."
          operator string required go=v1.PodFailurePolicyOnExitCodesOperator "Represents the relationship between the container exit code(s) and the specified values."
          values []int32 required list=set "Specifies the set of values."

        type PodFailurePolicyOnPodConditionsPattern "PodFailurePolicyOnPodConditionsPattern describes a pattern for matching an actual pod condition type."
          type string required go=v1.PodConditionType "Specifies the required Pod condition type."
          status string required go=v1.ConditionStatus "Specifies the required Pod condition status."

        type SuccessPolicy "SuccessPolicy describes when a Job can be declared as succeeded based on the success of some indexes."
          rules []SuccessPolicyRule required list=atomic "rules represents the list of alternative rules for the declaring the Jobs as successful before `.status.succeeded >= .spec.completions`."

        type SuccessPolicyRule "SuccessPolicyRule describes rule for declaring a Job as succeeded."
          succeededIndexes *string "succeededIndexes specifies the set of indexes which need to be contained in the actual set of the succeeded indexes for the Job."
          succeededCount *int32 "succeededCount specifies the minimal required size of the actual set of the succeeded indexes for the Job."

        type JobStatus "JobStatus represents the current state of a Job."
          conditions []JobCondition merge=type list=atomic "The latest available observations of an object's current state."
          startTime *Time "Represents time when the job controller started processing a job."
          completionTime *Time "Represents time when the job was completed."
          active int32 "The number of pending and running pods which are not terminating (without a deletionTimestamp)."
          succeeded int32 "The number of pods which reached phase Succeeded."
          failed int32 "The number of pods which reached phase Failed."
          terminating *int32 "The number of pods which are terminating (in phase Pending or Running and have a deletionTimestamp)."
          completedIndexes string "completedIndexes holds the completed indexes when .spec.completionMode = \"Indexed\" in a text format."
          failedIndexes *string "FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set."
          uncountedTerminatedPods *UncountedTerminatedPods "uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn't yet accounted for in the status counters."
          ready *int32 "The number of pods which have a Ready condition."

        type JobCondition "JobCondition describes current state of a job."
          type string required go=v1.JobConditionType "Type of job condition, Complete or Failed."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastProbeTime Time "Last time the condition was checked."
          lastTransitionTime Time "Last time the condition transit from one status to another."
          reason string "(brief) reason for the condition's last transition."
          message string "Human readable message indicating details about last transition."

        type UncountedTerminatedPods "UncountedTerminatedPods holds UIDs of Pods that have terminated but haven't been accounted in Job status counters."
          succeeded []string list=set go=[]types.UID "succeeded holds UIDs of succeeded Pods."
          failed []string list=set go=[]types.UID "failed holds UIDs of failed Pods."

        resource batch/v1 Job jobs namespaced sub=status
        """;
}
