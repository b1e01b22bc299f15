namespace Keelson.Simulator.Schema.Definitions;

/// <summary>
/// The smaller groups: coordination.k8s.io/v1 leases, policy/v1 disruption budgets and evictions,
/// events.k8s.io/v1 events, autoscaling/v1 Scale and metrics.k8s.io/v1beta1 (language: see <see cref="SchemaParser"/>).
/// </summary>
internal static class ClusterV1Schema
{
    public const string Text = """
        package io.k8s.api.coordination.v1 v1

        type Lease kind=coordination.k8s.io/v1/Lease "Lease defines a lease concept."
          kind string
          apiVersion string
          metadata ObjectMeta "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
          spec LeaseSpec "spec contains the specification of the Lease."

        type LeaseSpec "LeaseSpec is a specification of a Lease."
          holderIdentity *string "holderIdentity contains the identity of the holder of a current lease."
          leaseDurationSeconds *int32 "leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measure against time of last observed renewTime."
          acquireTime *MicroTime "acquireTime is a time when the current lease was acquired."
          renewTime *MicroTime "renewTime is a time when the current holder of a lease has last updated the lease."
          leaseTransitions *int32 "leaseTransitions is the number of transitions of a lease between holders."

        package io.k8s.api.policy.v1 v1

        type PodDisruptionBudget kind=policy/v1/PodDisruptionBudget "PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods"
          kind string
          apiVersion string
          metadata ObjectMeta
          spec PodDisruptionBudgetSpec "Specification of the desired behavior of the PodDisruptionBudget."
          status PodDisruptionBudgetStatus "Most recently observed status of the PodDisruptionBudget."

        type PodDisruptionBudgetSpec "PodDisruptionBudgetSpec is a description of a PodDisruptionBudget."
          minAvailable *IntOrString "An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction, i.e. even in the absence of the evicted pod."
          selector *LabelSelector replace "Label query over pods whose evictions are managed by the disruption budget."
          maxUnavailable *IntOrString "An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction, i.e. even in absence of the evicted pod."
          unhealthyPodEvictionPolicy *string go=v1.UnhealthyPodEvictionPolicyType "UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction. Valid policies are IfHealthyBudget and AlwaysAllow."

        type PodDisruptionBudgetStatus "PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget. Status may trail the actual state of a system."
          observedGeneration int64 "Most recent generation observed when updating this PDB status."
          disruptedPods map[Time] "DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller."
          disruptionsAllowed int32 required "Number of pod disruptions that are currently allowed."
          currentHealthy int32 required "current number of healthy pods"
          desiredHealthy int32 required "minimum desired number of healthy pods"
          expectedPods int32 required "total number of pods counted by this disruption budget"
          conditions []io.k8s.apimachinery.pkg.apis.meta.v1.Condition merge=type list=map keys=type "Conditions contain conditions for PDB. The disruption controller sets the DisruptionAllowed condition."

        type Eviction kind=policy/v1/Eviction "Eviction evicts a pod from its node subject to certain policies and safety constraints. This is a subresource of Pod."
          kind string
          apiVersion string
          metadata ObjectMeta "ObjectMeta describes the pod that is being evicted."
          deleteOptions *io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions "DeleteOptions may be provided"

        package io.k8s.api.events.v1 v1

        type Event kind=events.k8s.io/v1/Event "Event is a report of an event somewhere in the cluster."
          kind string
          apiVersion string
          metadata ObjectMeta
          eventTime MicroTime required "eventTime is the time when this Event was first observed. It is required."
          series *EventSeries "series is data about the Event series this event represents or nil if it's a singleton Event."
          reportingController string "reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."
          reportingInstance string "reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`."
          action string "action is what action was taken/failed regarding to the regarding object."
          reason string "reason is why the action was taken. It is human-readable."
          regarding io.k8s.api.core.v1.ObjectReference "regarding contains the object this Event is about."
          related *io.k8s.api.core.v1.ObjectReference "related is the optional secondary object for more complex actions."
          note string "note is a human-readable description of the status of this operation."
          type string "type is the type of this event (Normal, Warning), new types could be added in the future."
          deprecatedSource io.k8s.api.core.v1.EventSource "deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type."
          deprecatedFirstTimestamp Time "deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."
          deprecatedLastTimestamp Time "deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."
          deprecatedCount int32 "deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type."

        type EventSeries "EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time."
          count int32 required "count is the number of occurrences in this series up to the last heartbeat time."
          lastObservedTime MicroTime required "lastObservedTime is the time when last Event from the series was seen before last heartbeat."

        package io.k8s.api.autoscaling.v1 v1

        type Scale kind=autoscaling/v1/Scale "Scale represents a scaling request for a resource."
          kind string
          apiVersion string
          metadata ObjectMeta "Standard object metadata."
          spec ScaleSpec "spec defines the behavior of the scale."
          status ScaleStatus "status is the current status of the scale. Read-only."

        type ScaleSpec "ScaleSpec describes the attributes of a scale subresource."
          replicas int32 "replicas is the desired number of instances for the scaled object."

        type ScaleStatus "ScaleStatus represents the current status of a scale subresource."
          replicas int32 required "replicas is the actual number of observed instances of the scaled object."
          selector string "selector is the label query over pods that should match the replicas count."

        package io.k8s.metrics.pkg.apis.metrics.v1beta1 v1beta1

        type NodeMetrics kind=metrics.k8s.io/v1beta1/NodeMetrics "NodeMetrics sets resource usage metrics of a node."
          kind string
          apiVersion string
          metadata ObjectMeta
          timestamp Time required "The following fields define time interval from which metrics were collected from the interval [Timestamp-Window, Timestamp]."
          window Duration required
          usage map[Quantity] required go=v1.ResourceList "The memory usage is the memory working set."

        type PodMetrics kind=metrics.k8s.io/v1beta1/PodMetrics "PodMetrics sets resource usage metrics of a pod."
          kind string
          apiVersion string
          metadata ObjectMeta
          timestamp Time required "The following fields define time interval from which metrics were collected from the interval [Timestamp-Window, Timestamp]."
          window Duration required
          containers []ContainerMetrics required list=atomic "Metrics for all containers are collected within the same time window."

        type ContainerMetrics "ContainerMetrics sets resource usage metrics of a container."
          name string required "Container name corresponding to the one from pod.spec.containers."
          usage map[Quantity] required go=v1.ResourceList "The memory usage is the memory working set."

        resource coordination.k8s.io/v1 Lease leases namespaced
        resource policy/v1 PodDisruptionBudget poddisruptionbudgets namespaced sub=status short=pdb
        resource events.k8s.io/v1 Event events namespaced short=ev
        resource metrics.k8s.io/v1beta1 NodeMetrics nodes cluster verbs=get,list
        resource metrics.k8s.io/v1beta1 PodMetrics pods namespaced verbs=get,list
        """;
}
