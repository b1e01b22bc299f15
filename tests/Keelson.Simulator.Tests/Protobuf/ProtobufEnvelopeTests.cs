using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Api.Protobuf;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Tests.TestData;
using static Keelson.Simulator.Tests.Protobuf.ProtoBytes;

namespace Keelson.Simulator.Tests.Protobuf;

public class ProtobufEnvelopeTests
{
    private const string Area = "protobuf";

    public static TheoryData<string> Cases => TestDataCases.Folders(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_TestdataBody_IsTheObjectOfItsJsonForm(string name)
    {
        // expected.json is what kubectl prints for the same command with --dry-run=client -o json (or, for the
        // bodies protoc encoded from source.txtpb, the same object written as a manifest). Both go through the
        // decoding a JSON body gets, with fieldValidation=Strict as kubectl sends it.
        var expected = TestDataCases.Json(Area, name, "expected.json").AsObject();
        var (apiVersion, kind) = ((string)expected["apiVersion"]!, (string)expected["kind"]!);
        var schema = SchemaRegistry.BuiltIn.For(apiVersion, kind)!;

        var decoded = ProtobufEnvelope.Decode(TestDataCases.Bytes(Area, name, "body.pb"), apiVersion, kind);

        var fromProtobuf = FieldValidation.Decode(decoded, schema, FieldValidationMode.Strict);
        var fromJson = FieldValidation.Decode(expected, schema, FieldValidationMode.Strict);
        // Free-form values (rare volume sources) keep their keys in the order they came, so order does not count.
        Assert.True(
            JsonNode.DeepEquals(fromJson.Object, fromProtobuf.Object),
            $"expected {TestDataCases.Compact(fromJson.Object)}\nactual   {TestDataCases.Compact(fromProtobuf.Object)}");
        Assert.Empty(fromProtobuf.Warnings);
    }

    [Fact]
    public void Decode_KubectlNamespace_LeavesOutTheEmptyFieldsTheGoEncoderWrites()
    {
        var body = TestDataCases.Bytes(Area, "namespace", "body.pb");

        var decoded = ProtobufEnvelope.Decode(body, "v1", "Namespace");

        // The body carries generateName "", uid "", generation 0, status.phase "" and more: Go's JSON has none of them.
        Assert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop","creationTimestamp":null},"spec":{},"status":{}}""", TestDataCases.Compact(decoded));
    }

    [Fact]
    public void Decode_WithoutTypeMeta_TakesTheKindOfThePath()
    {
        byte[] body = [.. "k8s\0"u8, .. Message(2, Message(1, Text(1, "shop")))];

        var decoded = ProtobufEnvelope.Decode(body, "v1", "Namespace");

        Assert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop"}}""", TestDataCases.Compact(decoded));
    }

    [Fact]
    public void Decode_PackedNumbers_ReadLikeSeparateOnes()
    {
        // proto3 writers pack repeated numbers; gogo (kubectl) writes them one by one.
        var securityContext = Message(4, [.. Varint(4000), .. Varint(5000)]);
        var raw = Message(2, Message(3, Message(2, Message(14, securityContext))));

        var decoded = ProtobufEnvelope.Decode(Envelope("apps/v1", "Deployment", raw), "apps/v1", "Deployment");

        Assert.Equal("[4000,5000]", TestDataCases.Compact(decoded["spec"]!["template"]!["spec"]!["securityContext"]!["supplementalGroups"]));
    }

    [Fact]
    public void Decode_AMessageTwice_MergesThemAsProtobufDoes()
    {
        byte[] raw = [.. Message(1, Text(1, "shop")), .. Message(1, Message(11, [.. Text(1, "team"), .. Text(2, "payments")]))];

        var decoded = ProtobufEnvelope.Decode(Envelope("v1", "Namespace", raw), "v1", "Namespace");

        Assert.Equal("""{"name":"shop","labels":{"team":"payments"}}""", TestDataCases.Compact(decoded["metadata"]));
    }

    [Fact]
    public void Decode_ANonPointerZeroAfterAValue_LeavesTheFieldOut()
    {
        byte[] raw = [.. Message(1, Text(1, "shop")), .. Message(1, Text(1, ""))];

        var decoded = ProtobufEnvelope.Decode(Envelope("v1", "Namespace", raw), "v1", "Namespace");

        Assert.Equal("{}", TestDataCases.Compact(decoded["metadata"]));
    }

    [Fact]
    public void Decode_OfAJsonBody_AnswersLikeKubeApiserver()
    {
        var body = Encoding.UTF8.GetBytes("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop"}}""");

        var error = BadRequest(() => ProtobufEnvelope.Decode(body, "v1", "Namespace"));

        Assert.Equal(
            "the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({\"kind\":\"Namespace\",\"apiVersio ...)",
            error.Message);
    }

    [Theory]
    [InlineData("", "empty data (<empty>)")]
    [InlineData("k8s\0", "empty body (6b387300)")]
    public void Decode_OfNoObject_AnswersLikeKubeApiserver(string body, string problem)
    {
        var error = BadRequest(() => ProtobufEnvelope.Decode(Encoding.ASCII.GetBytes(body), "v1", "ConfigMap"));

        Assert.Equal($"the object provided is unrecognized (must be of type ConfigMap): {problem}", error.Message);
    }

    [Fact]
    public void Decode_OfAnEnvelopeWithAFieldRuntimeUnknownLacks_IsUnrecognized()
    {
        byte[] body = [.. Envelope("v1", "Namespace", []), .. Number(5, 1)];

        var error = BadRequest(() => ProtobufEnvelope.Decode(body, "v1", "Namespace"));

        Assert.StartsWith(
            "the object provided is unrecognized (must be of type Namespace): envelope runtime.Unknown has field 5 with wire type 0; it has typeMeta (1), raw (2), contentEncoding (3) and contentType (4), all with wire type 2 (6b387300",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WithAFieldTheTableLacks_NamesTheMessageTheFieldNumberAndWhere()
    {
        // A container with field 99, which no Kubernetes version has.
        var container = (byte[])[.. Text(1, "web"), .. Text(99, "surprise")];
        var raw = Message(2, Message(3, Message(2, Message(2, container))));

        var error = BadRequest(() => ProtobufEnvelope.Decode(Envelope("apps/v1", "Deployment", raw), "apps/v1", "Deployment"));

        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: field 99 of message k8s.io.api.core.v1.Container at spec.template.spec.containers[0] is not known to the simulator, which reads the fields of Kubernetes 1.33; send this object as application/json instead",
            error.Message);
    }

    [Fact]
    public void Decode_WithTheWrongWireType_NamesTheField()
    {
        var raw = Message(1, Number(1, 7));

        var error = BadRequest(() => ProtobufEnvelope.Decode(Envelope("v1", "ConfigMap", raw), "v1", "ConfigMap"));

        Assert.Equal(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: field 1 (name) of message k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta at metadata has wire type 0, but a String field has wire type 2",
            error.Message);
    }

    [Fact]
    public void Decode_CutShort_SaysWhereTheDataEnds()
    {
        var raw = Message(1, Text(1, "settings"))[..^3];

        var error = BadRequest(() => ProtobufEnvelope.Decode(Envelope("v1", "ConfigMap", raw), "v1", "ConfigMap"));

        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: message k8s.io.api.core.v1.ConfigMap ends in the middle of a field (unexpected EOF)", error.Message);
    }

    [Fact]
    public void Decode_OfAKindTheTableLacks_AsksForJson()
    {
        var error = BadRequest(() => ProtobufEnvelope.Decode(Envelope("v1", "Pod", Message(1, Text(1, "web"))), "v1", "Pod"));

        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: the simulator cannot read kind \"Pod\" of \"v1\" from protobuf; send it as application/json", error.Message);
    }

    [Fact]
    public void Decode_OfAnIntOrStringOfNeitherType_SaysWhichTypesThereAre()
    {
        var raw = Message(2, Message(1, [.. Number(1, 2), .. Number(2, 1)]));

        var error = BadRequest(() => ProtobufEnvelope.Decode(Envelope("policy/v1", "PodDisruptionBudget", raw), "policy/v1", "PodDisruptionBudget"));

        Assert.Equal("PodDisruptionBudget in version \"v1\" cannot be handled as a PodDisruptionBudget: IntOrString at spec.minAvailable has type 2; it must be 0 (an integer) or 1 (a string)", error.Message);
    }

    [Fact]
    public void Decode_OfACompressedObject_IsRefused()
    {
        byte[] body = [.. Envelope("v1", "Namespace", []), .. Text(3, "gzip")];

        var error = BadRequest(() => ProtobufEnvelope.Decode(body, "v1", "Namespace"));

        Assert.Equal("Namespace in version \"v1\" cannot be handled as a Namespace: content encoding \"gzip\" is not supported; send the object unencoded", error.Message);
    }

    private static ApiException BadRequest(Func<JsonObject> decode)
    {
        var error = Assert.Throws<ApiException>(() => decode());
        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        return error;
    }
}
