using System.Text;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Api.Protobuf;

/// <summary>
/// Reads a Kubernetes protobuf request body (<c>application/vnd.kubernetes.protobuf</c>, what client-go's typed
/// clients send, e.g. <c>kubectl create namespace</c> from 1.33 on) into the JSON object a JSON client would have
/// sent. The body is the magic <c>k8s\0</c> and a <c>runtime.Unknown</c>: type meta (apiVersion, kind), raw (the
/// object's generated protobuf message), content encoding and content type. Errors are kube-apiserver's 400s.
/// </summary>
internal static class ProtobufEnvelope
{
    /// <summary>The media type of Kubernetes protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Decodes a create or update body sent for a resource of <paramref name="kind"/>.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="apiVersion">The apiVersion the request's path serves, e.g. <c>apps/v1</c>; the envelope's when it names none.</param>
    /// <param name="kind">The kind the request's path serves, e.g. <c>Deployment</c>; the envelope's when it names none.</param>
    /// <returns>The object as JSON, with <c>kind</c> and <c>apiVersion</c> from the envelope.</returns>
    /// <exception cref="ApiException">400: the body is not an envelope, names a kind the table lacks, or holds bytes that are not that kind's message.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body, string apiVersion, string kind)
    {
        (string ApiVersion, string Kind, byte[] Raw, string ContentEncoding) envelope;
        try
        {
            envelope = Unwrap(body);
        }
        catch (ProtobufException e)
        {
            // kube-apiserver knows no kind here yet, so it shows the start of the body.
            throw ApiException.BadRequest($"the object provided is unrecognized (must be of type {kind}): {e.Message} ({Summary(body)})");
        }

        var actualVersion = envelope.ApiVersion.Length == 0 ? apiVersion : envelope.ApiVersion;
        var actualKind = envelope.Kind.Length == 0 ? kind : envelope.Kind;
        try
        {
            if (envelope.ContentEncoding.Length > 0)
            {
                throw new ProtobufException($"content encoding \"{envelope.ContentEncoding}\" is not supported; send the object unencoded");
            }

            var message = MessageTable.ForKind(actualVersion, actualKind) ?? throw new ProtobufException(
                $"the simulator cannot read kind \"{actualKind}\" of \"{actualVersion}\" from protobuf; send it as application/json");
            var result = new JsonObject { ["kind"] = actualKind, ["apiVersion"] = actualVersion };
            MessageDecoder.DecodeInto(result, envelope.Raw, message, "");
            return result;
        }
        catch (ProtobufException e)
        {
            var version = actualVersion[(actualVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
            throw ApiException.BadRequest($"{actualKind} in version \"{version}\" cannot be handled as a {kind}: {e.Message}");
        }
    }

    private static (string ApiVersion, string Kind, byte[] Raw, string ContentEncoding) Unwrap(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new ProtobufException("empty data");
        }

        if (!body.StartsWith(Magic))
        {
            throw new ProtobufException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        if (body.Length == Magic.Length)
        {
            throw new ProtobufException("empty body");
        }

        const string Where = "envelope runtime.Unknown";
        var reader = new WireReader(body[Magic.Length..], Where);
        (string ApiVersion, string Kind, byte[] Raw, string ContentEncoding) envelope = ("", "", [], "");
        while (!reader.AtEnd)
        {
            switch (reader.ReadTag())
            {
                case (1, WireReader.LengthDelimited):
                    var typeMeta = new WireReader(reader.ReadLengthDelimited(), "envelope runtime.TypeMeta");
                    while (!typeMeta.AtEnd)
                    {
                        switch (typeMeta.ReadTag())
                        {
                            case (1, WireReader.LengthDelimited):
                                envelope.ApiVersion = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                                break;
                            case (2, WireReader.LengthDelimited):
                                envelope.Kind = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                                break;
                            case var (number, wireType):
                                throw new ProtobufException($"envelope runtime.TypeMeta has field {number} with wire type {wireType}; it has apiVersion (1) and kind (2), both with wire type 2");
                        }
                    }

                    break;
                case (2, WireReader.LengthDelimited):
                    envelope.Raw = reader.ReadLengthDelimited().ToArray();
                    break;
                case (3, WireReader.LengthDelimited):
                    envelope.ContentEncoding = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case (4, WireReader.LengthDelimited):
                    // The content type of raw; kube-apiserver reads raw as protobuf whatever it says.
                    reader.ReadLengthDelimited();
                    break;
                case var (number, wireType):
                    throw new ProtobufException($"{Where} has field {number} with wire type {wireType}; it has typeMeta (1), raw (2), contentEncoding (3) and contentType (4), all with wire type 2");
            }
        }

        return envelope;
    }

    /// <summary>The start of a body as kube-apiserver quotes it: text when it looks like JSON, else hex.</summary>
    private static string Summary(ReadOnlySpan<byte> body)
    {
        const int MaxLength = 30;
        var head = body.Length > MaxLength ? body[..MaxLength] : body;
        var text = body.IsEmpty ? "<empty>" : body[0] == (byte)'{' ? Encoding.UTF8.GetString(head) : Convert.ToHexStringLower(head);
        return body.Length > MaxLength ? text + " ..." : text;
    }
}
