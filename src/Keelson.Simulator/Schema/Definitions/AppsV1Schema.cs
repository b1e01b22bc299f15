namespace Keelson.Simulator.Schema.Definitions;

/// <summary>apps/v1: deployments, replica sets, stateful sets, daemon sets, controller revisions (language: see <see cref="SchemaParser"/>).</summary>
internal static class AppsV1Schema
{
    public const string Text = """
        package io.k8s.api.apps.v1 v1

        type Deployment kind=apps/v1/Deployment "Deployment enables declarative updates for Pods and ReplicaSets."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec DeploymentSpec "Specification of the desired behavior of the Deployment."
          status DeploymentStatus "Most recently observed status of the Deployment."

        type DeploymentSpec "DeploymentSpec is the specification of the desired behavior of the Deployment."
          replicas *int32 "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."
          selector *LabelSelector required "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."
          template PodTemplateSpec required "Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is \"Always\"."
          strategy DeploymentStrategy retainKeys "The deployment strategy to use to replace existing pods with new ones."
          minReadySeconds int32 "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0."
          revisionHistoryLimit *int32 "The number of old ReplicaSets to retain to allow rollback. Defaults to 10."
          paused bool "Indicates that the deployment is paused."
          progressDeadlineSeconds *int32 "The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s."

        type DeploymentStrategy "DeploymentStrategy describes how to replace existing pods with new ones."
          type string go=v1.DeploymentStrategyType "Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate."
          rollingUpdate *RollingUpdateDeployment "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate."

        type RollingUpdateDeployment "Spec to control the desired behavior of rolling update."
          maxUnavailable *IntOrString "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%."
          maxSurge *IntOrString "The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%."

        type DeploymentStatus "DeploymentStatus is the most recently observed status of the Deployment."
          observedGeneration int64 "The generation observed by the deployment controller."
          replicas int32 "Total number of non-terminated pods targeted by this deployment (their labels match the selector)."
          updatedReplicas int32 "Total number of non-terminated pods targeted by this deployment that have the desired template spec."
          readyReplicas int32 "readyReplicas is the number of pods targeted by this Deployment with a Ready Condition."
          availableReplicas int32 "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."
          unavailableReplicas int32 "Total number of unavailable pods targeted by this deployment."
          conditions []DeploymentCondition merge=type list=map keys=type "Represents the latest available observations of a deployment's current state."
          collisionCount *int32 "Count of hash collisions for the Deployment. The Deployment controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet."

        type DeploymentCondition "DeploymentCondition describes the state of a deployment at a certain point."
          type string required go=v1.DeploymentConditionType "Type of deployment condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastUpdateTime Time "The last time this condition was updated."
          lastTransitionTime Time "Last time the condition transitioned from one status to another."
          reason string "The reason for the condition's last transition."
          message string "A human readable message indicating details about the transition."

        type ReplicaSet kind=apps/v1/ReplicaSet "ReplicaSet ensures that a specified number of pod replicas are running at any given time."
          kind string
          apiVersion string
          metadata ObjectMeta "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages."
          spec ReplicaSetSpec "Spec defines the specification of the desired behavior of the ReplicaSet."
          status ReplicaSetStatus "Status is the most recently observed status of the ReplicaSet."

        type ReplicaSetSpec "ReplicaSetSpec is the specification of a ReplicaSet."
          replicas *int32 "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1."
          minReadySeconds int32 "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0."
          selector *LabelSelector required "Selector is a label query over pods that should match the replica count."
          template PodTemplateSpec "Template is the object that describes the pod that will be created if insufficient replicas are detected."

        type ReplicaSetStatus "ReplicaSetStatus represents the current status of a ReplicaSet."
          replicas int32 required "Replicas is the most recently observed number of replicas."
          fullyLabeledReplicas int32 "The number of pods that have labels matching the labels of the pod template of the replicaset."
          readyReplicas int32 "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition."
          availableReplicas int32 "The number of available replicas (ready for at least minReadySeconds) for this replica set."
          observedGeneration int64 "ObservedGeneration reflects the generation of the most recently observed ReplicaSet."
          conditions []ReplicaSetCondition merge=type list=map keys=type "Represents the latest available observations of a replica set's current state."

        type ReplicaSetCondition "ReplicaSetCondition describes the state of a replica set at a certain point."
          type string required go=v1.ReplicaSetConditionType "Type of replica set condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastTransitionTime Time "The last time the condition transitioned from one status to another."
          reason string "The reason for the condition's last transition."
          message string "A human readable message indicating details about the transition."

        type StatefulSet kind=apps/v1/StatefulSet "StatefulSet represents a set of pods with consistent identities."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec StatefulSetSpec "Spec defines the desired identities of pods in this set."
          status StatefulSetStatus "Status is the current status of Pods in this StatefulSet. This data may be out of date by some window of time."

        type StatefulSetSpec "A StatefulSetSpec is the specification of a StatefulSet."
          replicas *int32 "replicas is the desired number of replicas of the given Template. Defaults to 1."
          selector *LabelSelector required "selector is a label query over pods that should match the replica count. It must match the pod template's labels."
          template PodTemplateSpec required "template is the object that describes the pod that will be created if insufficient replicas are detected."
          volumeClaimTemplates []io.k8s.api.core.v1.PersistentVolumeClaim list=atomic "volumeClaimTemplates is a list of claims that pods are allowed to reference."
          serviceName string required "serviceName is the name of the service that governs this StatefulSet."
          podManagementPolicy string go=v1.PodManagementPolicyType "podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. The default policy is `OrderedReady`."
          updateStrategy StatefulSetUpdateStrategy "updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template."
          revisionHistoryLimit *int32 "revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history. The revision history consists of all revisions not represented by a currently applied StatefulSetSpec version. The default value is 10."
          minReadySeconds int32 "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available. Defaults to 0."
          persistentVolumeClaimRetentionPolicy *StatefulSetPersistentVolumeClaimRetentionPolicy "persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates."
          ordinals *StatefulSetOrdinals "ordinals controls the numbering of replica indices in a StatefulSet."

        type StatefulSetUpdateStrategy "StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates."
          type string go=v1.StatefulSetUpdateStrategyType "Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate."
          rollingUpdate *RollingUpdateStatefulSetStrategy "RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType."

        type RollingUpdateStatefulSetStrategy "RollingUpdateStatefulSetStrategy is used to communicate parameter for RollingUpdateStatefulSetStrategyType."
          partition *int32 "Partition indicates the ordinal at which the StatefulSet should be partitioned for updates."
          maxUnavailable *IntOrString "The maximum number of pods that can be unavailable during the update."

        type StatefulSetPersistentVolumeClaimRetentionPolicy "StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used for PVCs created from the StatefulSet VolumeClaimTemplates."
          whenDeleted string go=v1.PersistentVolumeClaimRetentionPolicyType "WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted."
          whenScaled string go=v1.PersistentVolumeClaimRetentionPolicyType "WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down."

        type StatefulSetOrdinals "StatefulSetOrdinals describes the policy used for replica ordinal assignment in this StatefulSet."
          start int32 "start is the number representing the first replica's index."

        type StatefulSetStatus "StatefulSetStatus represents the current state of a StatefulSet."
          observedGeneration int64 "observedGeneration is the most recent generation observed for this StatefulSet."
          replicas int32 required "replicas is the number of Pods created by the StatefulSet controller."
          readyReplicas int32 "readyReplicas is the number of pods created for this StatefulSet with a Ready Condition."
          currentReplicas int32 "currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision."
          updatedReplicas int32 "updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision."
          currentRevision string "currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas)."
          updateRevision string "updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)"
          collisionCount *int32 "collisionCount is the count of hash collisions for the StatefulSet."
          conditions []StatefulSetCondition merge=type list=map keys=type "Represents the latest available observations of a statefulset's current state."
          availableReplicas int32 "Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset."

        type StatefulSetCondition "StatefulSetCondition describes the state of a statefulset at a certain point."
          type string required go=v1.StatefulSetConditionType "Type of statefulset condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastTransitionTime Time "Last time the condition transitioned from one status to another."
          reason string "The reason for the condition's last transition."
          message string "A human readable message indicating details about the transition."

        type DaemonSet kind=apps/v1/DaemonSet "DaemonSet represents the configuration of a daemon set."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec DaemonSetSpec "The desired behavior of this daemon set."
          status DaemonSetStatus "The current status of this daemon set. This data may be out of date by some window of time."

        type DaemonSetSpec "DaemonSetSpec is the specification of a daemon set."
          selector *LabelSelector required "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels."
          template PodTemplateSpec required "An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template's node selector (or on every node if no node selector is specified)."
          updateStrategy DaemonSetUpdateStrategy "An update strategy to replace existing DaemonSet pods with new pods."
          minReadySeconds int32 "The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0."
          revisionHistoryLimit *int32 "The number of old history to retain to allow rollback. Defaults to 10."

        type DaemonSetUpdateStrategy "DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet."
          type string go=v1.DaemonSetUpdateStrategyType "Type of daemon set update. Can be \"RollingUpdate\" or \"OnDelete\". Default is RollingUpdate."
          rollingUpdate *RollingUpdateDaemonSet "Rolling update config params. Present only if type = \"RollingUpdate\"."

        type RollingUpdateDaemonSet "Spec to control the desired behavior of daemon set rolling update."
          maxUnavailable *IntOrString "The maximum number of DaemonSet pods that can be unavailable during the update. Default is 1."
          maxSurge *IntOrString "The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Default is 0."

        type DaemonSetStatus "DaemonSetStatus represents the current status of a daemon set."
          currentNumberScheduled int32 required "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."
          numberMisscheduled int32 required "The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod."
          desiredNumberScheduled int32 required "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."
          numberReady int32 required "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."
          observedGeneration int64 "The most recent generation observed by the daemon set controller."
          updatedNumberScheduled int32 "The total number of nodes that are running updated daemon pod"
          numberAvailable int32 "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"
          numberUnavailable int32 "The number of nodes that should be running the daemon pod and have none of the daemon pod running and available (ready for at least spec.minReadySeconds)"
          collisionCount *int32 "Count of hash collisions for the DaemonSet."
          conditions []DaemonSetCondition merge=type list=map keys=type "Represents the latest available observations of a DaemonSet's current state."

        type DaemonSetCondition "DaemonSetCondition describes the state of a DaemonSet at a certain point."
          type string required go=v1.DaemonSetConditionType "Type of DaemonSet condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastTransitionTime Time "Last time the condition transitioned from one status to another."
          reason string "The reason for the condition's last transition."
          message string "A human readable message indicating details about the transition."

        type ControllerRevision kind=apps/v1/ControllerRevision "ControllerRevision implements an immutable snapshot of state data."
          kind string
          apiVersion string
          metadata ObjectMeta
          data RawExtension "Data is the serialized representation of the state."
          revision int64 required "Revision indicates the revision of the state represented by Data."

        resource apps/v1 Deployment deployments namespaced sub=status,scale short=deploy
        resource apps/v1 ReplicaSet replicasets namespaced sub=status,scale short=rs
        resource apps/v1 StatefulSet statefulsets namespaced sub=status,scale short=sts
        resource apps/v1 DaemonSet daemonsets namespaced sub=status short=ds
        resource apps/v1 ControllerRevision controllerrevisions namespaced
        """;
}
