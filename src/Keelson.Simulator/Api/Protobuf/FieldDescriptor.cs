namespace Keelson.Simulator.Api.Protobuf;

/// <summary>One field of a protobuf message as the table declares it.</summary>
/// <param name="Number">The protobuf field number.</param>
/// <param name="Name">The JSON field name (Kubernetes' protobuf names are the JSON names).</param>
/// <param name="Type">What the field holds.</param>
/// <param name="Shape">Single, repeated, map or inline.</param>
/// <param name="Pointer">
/// Whether the Go field is a pointer (<c>*int32</c>, <c>*bool</c>, <c>*string</c>): then an explicit zero is a
/// value (<c>replicas: 0</c>). A zero in a non-pointer scalar is what Go's encoding/json leaves out.
/// </param>
/// <param name="MessageName">The short name of the message a <see cref="FieldType.Message"/> field holds.</param>
internal sealed record FieldDescriptor(int Number, string Name, FieldType Type, FieldShape Shape, bool Pointer, string? MessageName)
{
    /// <summary>The message a <see cref="FieldType.Message"/> field holds, resolved once the whole table is read.</summary>
    public MessageDescriptor? Message { get; set; }
}
