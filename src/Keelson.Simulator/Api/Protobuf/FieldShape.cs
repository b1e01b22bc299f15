namespace Keelson.Simulator.Api.Protobuf;

/// <summary>How a protobuf field's occurrences make up its JSON value.</summary>
internal enum FieldShape
{
    /// <summary>One value; a later occurrence replaces a scalar and merges into a message, as protobuf decoders do.</summary>
    Single,

    /// <summary>A JSON array: each occurrence adds elements (numbers may also come packed).</summary>
    Repeated,

    /// <summary>A JSON object: each occurrence is an entry message of key (field 1) and value (field 2).</summary>
    Map,

    /// <summary>
    /// An embedded Go struct (<c>json:",inline"</c>) that protobuf carries as a message of its own, e.g. a
    /// volume's <c>volumeSource</c>: its fields land in the enclosing JSON object.
    /// </summary>
    Inline,
}
