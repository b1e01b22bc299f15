namespace Keelson.Simulator.Api.Protobuf;

/// <summary>
/// A protobuf body that cannot become an object: bad bytes, or a field the table does not declare. The message
/// says what and where; <see cref="ProtobufEnvelope"/> turns it into kube-apiserver's 400 BadRequest.
/// </summary>
internal sealed class ProtobufException(string message) : Exception(message);
