namespace Keelson.Simulator.Api.Protobuf.Messages;

/// <summary>The protobuf messages of meta/v1: ObjectMeta, label selectors, conditions (language: see <see cref="MessageTable"/>).</summary>
internal static class MetaV1Messages
{
    public const string Text = """
        package k8s.io.apimachinery.pkg.apis.meta.v1

        message Condition
          1 type string
          2 status string
          3 observedGeneration int64
          4 lastTransitionTime Time
          5 reason string
          6 message string

        message LabelSelector
          1 matchLabels map[string]string
          2 matchExpressions []LabelSelectorRequirement

        message LabelSelectorRequirement
          1 key string
          2 operator string
          3 values []string

        message ManagedFieldsEntry
          1 manager string
          2 operation string
          3 apiVersion string
          4 time Time
          6 fieldsType string
          7 fieldsV1 FieldsV1
          8 subresource string

        message ObjectMeta
          1 name string
          2 generateName string
          3 namespace string
          4 selfLink string
          5 uid string
          6 resourceVersion string
          7 generation int64
          8 creationTimestamp Time
          9 deletionTimestamp Time
          10 deletionGracePeriodSeconds *int64
          11 labels map[string]string
          12 annotations map[string]string
          13 ownerReferences []OwnerReference
          14 finalizers []string
          17 managedFields []ManagedFieldsEntry

        message OwnerReference
          1 kind string
          3 name string
          4 uid string
          5 apiVersion string
          6 controller *bool
          7 blockOwnerDeletion *bool
        """;
}
