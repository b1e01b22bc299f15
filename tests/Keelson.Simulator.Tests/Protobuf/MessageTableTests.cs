using Keelson.Simulator.Api.Protobuf;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Tests.Protobuf;

public class MessageTableTests
{
    /// <summary>
    /// Fields of Kubernetes 1.33 that the simulator's schemas (1.30 shapes) do not declare. A client that sets one
    /// gets the usual unknown-field answer from field validation; the protobuf decoder itself reads them.
    /// </summary>
    private static readonly HashSet<string> NotInTheSchema =
    [
        "DeploymentStatus.terminatingReplicas",
        "Lifecycle.stopSignal",
        "PodResourceClaim.resourceClaimName",
        "PodResourceClaim.resourceClaimTemplateName",
        "PodSecurityContext.seLinuxChangePolicy",
        "PodSecurityContext.supplementalGroupsPolicy",
        "PodSpec.resources",
        "ResourceClaim.request",
        "VolumeSource.image",
    ];

    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("v1", "Service")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("batch/v1", "Job")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    public void EveryField_HasTheNameAndGoPointerOfTheSchemasField(string apiVersion, string kind)
    {
        var mismatches = new List<string>();

        Compare(MessageTable.ForKind(apiVersion, kind)!, SchemaRegistry.BuiltIn.For(apiVersion, kind)!, mismatches, []);

        Assert.Empty(mismatches);
    }

    [Fact]
    public void ForKind_OfAMessageThatIsNoKind_IsNull()
    {
        Assert.NotNull(MessageTable.ForKind("apps/v1", "Deployment"));
        Assert.Null(MessageTable.ForKind("apps/v1", "DeploymentSpec"));
        Assert.Null(MessageTable.ForKind("v1", "Deployment"));
    }

    [Theory]
    [InlineData("package p v1\nmessage A kind\n  1 b Missing\n", "p.A.b: no message Missing in the table")]
    [InlineData("package p v1\nmessage A\n  one b string\n", "test line 3: \"one\" is not a field number")]
    [InlineData("package p v1\nmessage A\n  1 b *Time\n", "test line 3: only string, bool and integer fields are marked as pointers")]
    [InlineData("package p v1\nmessage A\n  1 b float\n", "test line 3: unknown type \"float\"")]
    [InlineData("package p v1\nmessage A\n  1 inline string\n", "test line 3: only a message can be inline")]
    [InlineData("package p\nmessage A kind\n", "test line 2: kind A is in package p, which declares no apiVersion")]
    [InlineData("message A\n", "test line 1: message A comes before any package")]
    [InlineData("package p v1\n  1 b string\n", "test line 2: cannot read \"1 b string\"")]
    [InlineData("package p v1\nmessage A\nmessage A\n", "test: message A is declared twice")]
    public void Parse_OfAMistake_NamesWhereItIs(string text, string error)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => MessageTable.Parse([("test", text)]));

        Assert.Equal(error, exception.Message);
    }

    private static void Compare(MessageDescriptor message, TypeSchema schema, List<string> mismatches, HashSet<string> seen)
    {
        if (!seen.Add(message.Name))
        {
            return;
        }

        foreach (var field in message.Fields)
        {
            if (field.Shape == FieldShape.Inline)
            {
                // Go embeds the struct: its fields are the enclosing type's (EphemeralContainer embeds Container's).
                Compare(field.Message!, schema, mismatches, seen);
                continue;
            }

            var declared = schema.FindField(field.Name);
            if (declared is null)
            {
                if (!NotInTheSchema.Contains($"{message.Name}.{field.Name}"))
                {
                    mismatches.Add($"{message.Name}.{field.Name} is not in schema {schema.Name}");
                }

                continue;
            }

            var type = field.Shape == FieldShape.Single ? declared.Type : declared.Type.Element;
            if (field.Shape == FieldShape.Single && field.Type is FieldType.String or FieldType.Bool or FieldType.Int32 or FieldType.Int64 && field.Pointer != declared.Pointer)
            {
                mismatches.Add($"{message.Name}.{field.Name}: pointer {field.Pointer}, schema says {declared.Pointer}");
            }

            if (field.Type == FieldType.Message && type is { Kind: SchemaKind.Struct })
            {
                Compare(field.Message!, type, mismatches, seen);
            }
        }
    }
}
