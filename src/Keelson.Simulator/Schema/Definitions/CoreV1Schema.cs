namespace Keelson.Simulator.Schema.Definitions;

/// <summary>core/v1 kinds other than pods, and the core resources served (language: see <see cref="SchemaParser"/>).</summary>
internal static class CoreV1Schema
{
    public const string Text = """
        package io.k8s.api.core.v1 v1

        type ObjectReference atomic "ObjectReference contains enough information to let you inspect or modify the referred object."
          kind string "Kind of the referent."
          namespace string "Namespace of the referent."
          name string "Name of the referent."
          uid string "UID of the referent."
          apiVersion string "API version of the referent."
          resourceVersion string "Specific resourceVersion to which this reference is made, if any."
          fieldPath string "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."

        type LocalObjectReference atomic "LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace."
          name string default= "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty."

        type TypedLocalObjectReference atomic "TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace."
          apiGroup *string "APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group."
          kind string required "Kind is the type of resource being referenced"
          name string required "Name is the name of resource being referenced"

        type TypedObjectReference
          apiGroup *string "APIGroup is the group for the resource being referenced."
          kind string required "Kind is the type of resource being referenced"
          name string required "Name is the name of resource being referenced"
          namespace *string "Namespace is the namespace of resource being referenced"

        type Namespace kind=v1/Namespace "Namespace provides a scope for Names. Use of multiple namespaces is optional."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec NamespaceSpec "Spec defines the behavior of the Namespace."
          status NamespaceStatus "Status describes the current status of a Namespace."

        type NamespaceSpec "NamespaceSpec describes the attributes on a Namespace."
          finalizers []string list=atomic "Finalizers is an opaque list of values that must be empty to permanently remove object from storage."

        type NamespaceStatus "NamespaceStatus is information about the current status of a Namespace."
          phase string go=v1.NamespacePhase "Phase is the current lifecycle phase of the namespace."
          conditions []NamespaceCondition merge=type list=map keys=type "Represents the latest available observations of a namespace's current state."

        type NamespaceCondition "NamespaceCondition contains details about state of namespace."
          type string required go=v1.NamespaceConditionType "Type of namespace controller condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastTransitionTime Time "Last time the condition transitioned from one status to another."
          reason string "Unique, one-word, CamelCase reason for the condition's last transition."
          message string "Human-readable message indicating details about last transition."

        type Node kind=v1/Node "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd)."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec NodeSpec "Spec defines the behavior of a node."
          status NodeStatus "Most recently observed status of the node. Populated by the system. Read-only."

        type NodeSpec "NodeSpec describes the attributes that a node is created with."
          podCIDR string "PodCIDR represents the pod IP range assigned to the node."
          podCIDRs []string merge list=set "podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node."
          providerID string "ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>"
          unschedulable bool "Unschedulable controls node schedulability of new pods. By default, node is schedulable."
          taints []Taint list=atomic "If specified, the node's taints."
          configSource *object "Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature."
          externalID string "Deprecated. Not all kubelets will set this field. Remove field after 1.13."

        type Taint "The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint."
          key string required "Required. The taint key to be applied to a node."
          value string "The taint value corresponding to the taint key."
          effect string required go=v1.TaintEffect "Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute."
          timeAdded *Time "TimeAdded represents the time at which the taint was added. It is only written for NoExecute taints."

        type NodeStatus "NodeStatus is information about the current status of a node."
          capacity map[Quantity] go=v1.ResourceList "Capacity represents the total resources of a node."
          allocatable map[Quantity] go=v1.ResourceList "Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity."
          phase string go=v1.NodePhase "NodePhase is the recently observed lifecycle phase of the node. Deprecated."
          conditions []NodeCondition merge=type list=map keys=type "Conditions is an array of current observed node conditions."
          addresses []NodeAddress merge=type list=atomic "List of addresses reachable to the node."
          daemonEndpoints NodeDaemonEndpoints "Endpoints of daemons running on the Node."
          nodeInfo NodeSystemInfo "Set of ids/uuids to uniquely identify the node."
          images []ContainerImage list=atomic "List of container images on this node"
          volumesInUse []string list=atomic go=[]v1.UniqueVolumeName "List of attachable volumes in use (mounted) by the node."
          volumesAttached []AttachedVolume list=atomic "List of volumes that are attached to the node."
          config *object "Status of the config assigned to the node via the dynamic Kubelet config feature."
          runtimeHandlers []NodeRuntimeHandler list=atomic "The available runtime handlers."

        type NodeCondition "NodeCondition contains condition information for a node."
          type string required go=v1.NodeConditionType "Type of node condition."
          status string required go=v1.ConditionStatus "Status of the condition, one of True, False, Unknown."
          lastHeartbeatTime Time "Last time we got an update on a given condition."
          lastTransitionTime Time "Last time the condition transit from one status to another."
          reason string "(brief) reason for the condition's last transition."
          message string "Human readable message indicating details about last transition."

        type NodeAddress "NodeAddress contains information for the node's address."
          type string required go=v1.NodeAddressType "Node address type, one of Hostname, ExternalIP or InternalIP."
          address string required "The node address."

        type NodeDaemonEndpoints "NodeDaemonEndpoints lists ports opened by daemons running on the Node."
          kubeletEndpoint DaemonEndpoint "Endpoint on which Kubelet is listening."

        type DaemonEndpoint "DaemonEndpoint contains information about a single Daemon endpoint."
          Port int32 required "Port number of the given endpoint."

        type NodeSystemInfo "NodeSystemInfo is a set of ids/uuids to uniquely identify the node."
          machineID string required "MachineID reported by the node."
          systemUUID string required "SystemUUID reported by the node."
          bootID string required "Boot ID reported by the node."
          kernelVersion string required "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."
          osImage string required "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."
          containerRuntimeVersion string required "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."
          kubeletVersion string required "Kubelet Version reported by the node."
          kubeProxyVersion string required "KubeProxy Version reported by the node."
          operatingSystem string required "The Operating System reported by the node"
          architecture string required "The Architecture reported by the node"

        type ContainerImage "Describe a container image"
          names []string list=atomic "Names by which this image is known."
          sizeBytes int64 "The size of the image in bytes."

        type AttachedVolume "AttachedVolume describes a volume attached to a node"
          name string required go=v1.UniqueVolumeName "Name of the attached volume"
          devicePath string required "DevicePath represents the device path where the volume should be available"

        type NodeRuntimeHandler "NodeRuntimeHandler is a set of runtime handler information."
          name string "Runtime handler name. Empty for the default runtime handler."
          features *NodeRuntimeHandlerFeatures "Supported features."

        type NodeRuntimeHandlerFeatures "NodeRuntimeHandlerFeatures is a set of runtime features."
          recursiveReadOnlyMounts *bool "RecursiveReadOnlyMounts is set to true if the runtime handler supports RecursiveReadOnlyMounts."

        type Service kind=v1/Service "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy."
          kind string
          apiVersion string
          metadata ObjectMeta
          spec ServiceSpec "Spec defines the behavior of a service."
          status ServiceStatus "Most recently observed status of the service. Populated by the system. Read-only."

        type ServiceSpec "ServiceSpec describes the attributes that a user creates on a service."
          ports []ServicePort merge=port list=map keys=port,protocol "The list of ports that are exposed by this service."
          selector map[string] atomic "Route service traffic to pods with label keys and values matching this selector."
          clusterIP string "clusterIP is the IP address of the service and is usually assigned randomly."
          clusterIPs []string list=atomic "ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly."
          type string go=v1.ServiceType "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."
          externalIPs []string list=atomic "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."
          sessionAffinity string go=v1.ServiceAffinity "Supports \"ClientIP\" and \"None\". Used to maintain session affinity. Defaults to None."
          loadBalancerIP string "Only applies to Service Type: LoadBalancer. Deprecated."
          loadBalancerSourceRanges []string list=atomic "If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs."
          externalName string "externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record)."
          externalTrafficPolicy string go=v1.ServiceExternalTrafficPolicy "externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's \"externally-facing\" addresses."
          healthCheckNodePort int32 "healthCheckNodePort specifies the healthcheck nodePort for the service."
          publishNotReadyAddresses bool "publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready."
          sessionAffinityConfig *SessionAffinityConfig "sessionAffinityConfig contains the configurations of session affinity."
          ipFamilies []string list=atomic go=[]v1.IPFamily "IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service."
          ipFamilyPolicy *string go=v1.IPFamilyPolicy "IPFamilyPolicy represents the dual-stack-ness requested or required by this Service."
          allocateLoadBalancerNodePorts *bool "allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is \"true\"."
          loadBalancerClass *string "loadBalancerClass is the class of the load balancer implementation this Service belongs to."
          internalTrafficPolicy *string go=v1.ServiceInternalTrafficPolicy "InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP."
          trafficDistribution *string "TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints."

        type ServicePort "ServicePort contains information on service's port."
          name string "The name of this port within the service. This must be a DNS_LABEL."
          protocol string default=TCP go=v1.Protocol "The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP."
          appProtocol *string "The application protocol for this port."
          port int32 required "The port that will be exposed by this service."
          targetPort IntOrString "Number or name of the port to access on the pods targeted by the service."
          nodePort int32 "The port on each node on which this service is exposed when type is NodePort or LoadBalancer."

        type SessionAffinityConfig "SessionAffinityConfig represents the configurations of session affinity."
          clientIP *ClientIPConfig "clientIP contains the configurations of Client IP based session affinity."

        type ClientIPConfig "ClientIPConfig represents the configurations of Client IP based session affinity."
          timeoutSeconds *int32 "timeoutSeconds specifies the seconds of ClientIP type session sticky time."

        type ServiceStatus "ServiceStatus represents the current status of a service."
          loadBalancer LoadBalancerStatus "LoadBalancer contains the current status of the load-balancer, if one is present."
          conditions []io.k8s.apimachinery.pkg.apis.meta.v1.Condition merge=type list=map keys=type "Current service state"

        type LoadBalancerStatus "LoadBalancerStatus represents the status of a load-balancer."
          ingress []LoadBalancerIngress list=atomic "Ingress is a list containing ingress points for the load-balancer."

        type LoadBalancerIngress "LoadBalancerIngress represents the status of a load-balancer ingress point: traffic intended for the service should be sent to an ingress point."
          ip string "IP is set for load-balancer ingress points that are IP based"
          hostname string "Hostname is set for load-balancer ingress points that are DNS based"
          ipMode *string go=v1.LoadBalancerIPMode "IPMode specifies how the load-balancer IP behaves, and may only be specified when the ip field is specified."
          ports []PortStatus list=atomic "Ports is a list of records of service ports"

        type PortStatus
          port int32 required "Port is the port number of the service port of which status is recorded here"
          protocol string required go=v1.Protocol "Protocol is the protocol of the service port of which status is recorded here"
          error *string "Error is to record the problem with the service port"

        type Endpoints kind=v1/Endpoints "Endpoints is a collection of endpoints that implement the actual service."
          kind string
          apiVersion string
          metadata ObjectMeta
          subsets []EndpointSubset list=atomic "The set of all endpoints is the union of all subsets."

        type EndpointSubset "EndpointSubset is a group of addresses with a common set of ports."
          addresses []EndpointAddress list=atomic "IP addresses which offer the related ports that are marked as ready."
          notReadyAddresses []EndpointAddress list=atomic "IP addresses which offer the related ports but are not currently marked as ready because they have not yet finished starting, have recently failed a readiness check, or have recently failed a liveness check."
          ports []EndpointPort list=atomic "Port numbers available on the related IP addresses."

        type EndpointAddress atomic "EndpointAddress is a tuple that describes single IP address."
          ip string required "The IP of this endpoint."
          hostname string "The Hostname of this endpoint"
          nodeName *string "Optional: Node hosting this endpoint. This can be used to determine endpoints local to a node."
          targetRef *ObjectReference "Reference to object providing the endpoint."

        type EndpointPort atomic "EndpointPort is a tuple that describes a single port."
          name string "The name of this port. This must match the 'name' field in the corresponding ServicePort."
          port int32 required "The port number of the endpoint."
          protocol string go=v1.Protocol "The IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP."
          appProtocol *string "The application protocol for this port."

        type ConfigMap kind=v1/ConfigMap "ConfigMap holds configuration data for pods to consume."
          kind string
          apiVersion string
          metadata ObjectMeta
          immutable *bool "Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified)."
          data map[string] "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'."
          binaryData map[bytes] "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'."

        type Secret kind=v1/Secret "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes."
          kind string
          apiVersion string
          metadata ObjectMeta
          immutable *bool "Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified)."
          data map[bytes] "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string."
          stringData map[string] "stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience."
          type string go=v1.SecretType "Used to facilitate programmatic handling of secret data."

        type ServiceAccount kind=v1/ServiceAccount "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets"
          kind string
          apiVersion string
          metadata ObjectMeta
          secrets []ObjectReference merge=name list=map keys=name "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."
          imagePullSecrets []LocalObjectReference list=atomic "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount."
          automountServiceAccountToken *bool "AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted."

        type Event kind=v1/Event "Event is a report of an event somewhere in the cluster."
          kind string
          apiVersion string
          metadata ObjectMeta required
          involvedObject ObjectReference required "The object that this event is about."
          reason string "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."
          message string "A human-readable description of the status of this operation."
          source EventSource "The component reporting this event. Should be a short machine understandable string."
          firstTimestamp Time "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"
          lastTimestamp Time "The time at which the most recent occurrence of this event was recorded."
          count int32 "The number of times this event has occurred."
          type string "Type of this event (Normal, Warning), new types could be added in the future"
          eventTime MicroTime "Time when this Event was first observed."
          series *EventSeries "Data about the Event series this event represents or nil if it's a singleton Event."
          action string "What action was taken/failed regarding to the Regarding object."
          related *ObjectReference "Optional secondary object for more complex actions."
          reportingComponent string noomit default= "Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."
          reportingInstance string noomit default= "ID of the controller instance, e.g. `kubelet-xyzf`."

        type EventSource "EventSource contains information for an event."
          component string "Component from which the event is generated."
          host string "Node name on which the event is generated."

        type EventSeries "EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time."
          count int32 "Number of occurrences in this series up to the last heartbeat time"
          lastObservedTime MicroTime "Time of the last occurrence observed"

        type PersistentVolumeClaim kind=v1/PersistentVolumeClaim "PersistentVolumeClaim is a user's request for and claim to a persistent volume"
          kind string
          apiVersion string
          metadata ObjectMeta
          spec PersistentVolumeClaimSpec "spec defines the desired characteristics of a volume requested by a pod author."
          status PersistentVolumeClaimStatus "status represents the current information/status of a persistent volume claim. Read-only."

        type PersistentVolumeClaimSpec "PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes"
          accessModes []string list=atomic go=[]v1.PersistentVolumeAccessMode "accessModes contains the desired access modes the volume should have."
          selector *LabelSelector "selector is a label query over volumes to consider for binding."
          resources VolumeResourceRequirements "resources represents the minimum resources the volume should have."
          volumeName string "volumeName is the binding reference to the PersistentVolume backing this claim."
          storageClassName *string "storageClassName is the name of the StorageClass required by the claim."
          volumeMode *string go=v1.PersistentVolumeMode "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec."
          dataSource *TypedLocalObjectReference "dataSource field can be used to specify either an existing VolumeSnapshot object, an existing PVC or an existing custom resource that implements data population."
          dataSourceRef *TypedObjectReference "dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired."
          volumeAttributesClassName *string "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim."

        type VolumeResourceRequirements "VolumeResourceRequirements describes the storage resource requirements for a volume."
          limits map[Quantity] go=v1.ResourceList "Limits describes the maximum amount of compute resources allowed."
          requests map[Quantity] go=v1.ResourceList "Requests describes the minimum amount of compute resources required."

        type PersistentVolumeClaimStatus "PersistentVolumeClaimStatus is the current status of a persistent volume claim."
          phase string go=v1.PersistentVolumeClaimPhase "phase represents the current phase of PersistentVolumeClaim."
          accessModes []string list=atomic go=[]v1.PersistentVolumeAccessMode "accessModes contains the actual access modes the volume backing the PVC has."
          capacity map[Quantity] go=v1.ResourceList "capacity represents the actual resources of the underlying volume."
          conditions []PersistentVolumeClaimCondition merge=type list=map keys=type "conditions is the current Condition of persistent volume claim."
          allocatedResources map[Quantity] go=v1.ResourceList "allocatedResources tracks the resources allocated to a PVC including its capacity."
          allocatedResourceStatuses map[string] go=map[v1.ResourceName]v1.ClaimResourceStatus "allocatedResourceStatuses stores status of resource being resized for the given PVC."
          currentVolumeAttributesClassName *string "currentVolumeAttributesClassName is the current name of the VolumeAttributesClass the PVC is using."
          modifyVolumeStatus *ModifyVolumeStatus "ModifyVolumeStatus represents the status object of ControllerModifyVolume operation."

        type PersistentVolumeClaimCondition "PersistentVolumeClaimCondition contains details about state of pvc"
          type string required go=v1.PersistentVolumeClaimConditionType
          status string required go=v1.ConditionStatus
          lastProbeTime Time "lastProbeTime is the time we probed the condition."
          lastTransitionTime Time "lastTransitionTime is the time the condition transitioned from one status to another."
          reason string "reason is a unique, this should be a short, machine understandable string that gives the reason for condition's last transition."
          message string "message is the human-readable message indicating details about last transition."

        type ModifyVolumeStatus "ModifyVolumeStatus represents the status object of ControllerModifyVolume operation"
          targetVolumeAttributesClassName string "targetVolumeAttributesClassName is the name of the VolumeAttributesClass the PVC currently being reconciled"
          status string required go=v1.PersistentVolumeClaimModifyVolumeStatus "status is the status of the ControllerModifyVolume operation."

        resource v1 Namespace namespaces cluster sub=status,finalize verbs=create,delete,get,list,patch,update,watch short=ns
        resource v1 Node nodes cluster sub=status verbs=create,delete,deletecollection,get,list,patch,update,watch short=no
        resource v1 Pod pods namespaced sub=status,binding,eviction,log short=po
        resource v1 Binding bindings namespaced verbs=create
        resource v1 Service services namespaced sub=status verbs=create,delete,deletecollection,get,list,patch,update,watch short=svc
        resource v1 Endpoints endpoints namespaced short=ep
        resource v1 ConfigMap configmaps namespaced short=cm
        resource v1 Secret secrets namespaced
        resource v1 Event events namespaced short=ev
        resource v1 ServiceAccount serviceaccounts namespaced short=sa
        """;
}
