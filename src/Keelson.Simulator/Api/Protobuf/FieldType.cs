namespace Keelson.Simulator.Api.Protobuf;

/// <summary>What one protobuf field holds, and so how its bytes become JSON.</summary>
internal enum FieldType
{
    /// <summary>A UTF-8 string (wire type 2).</summary>
    String,

    /// <summary>Bytes (wire type 2), written as base64 as Go's encoding/json writes <c>[]byte</c>.</summary>
    Bytes,

    /// <summary>A boolean (varint).</summary>
    Bool,

    /// <summary>A 32-bit integer (varint; negative values take ten bytes).</summary>
    Int32,

    /// <summary>A 64-bit integer (varint).</summary>
    Int64,

    /// <summary><c>resource.Quantity</c>: a message whose field 1 is the quantity's text, e.g. <c>500m</c>.</summary>
    Quantity,

    /// <summary><c>intstr.IntOrString</c>: a message of type (0 int, 1 string), intVal and strVal.</summary>
    IntOrString,

    /// <summary><c>metav1.Time</c>: a message of seconds and nanos since the epoch; an empty one is the zero time.</summary>
    Time,

    /// <summary><c>metav1.FieldsV1</c>: a message whose field 1 holds managed fields as JSON bytes.</summary>
    FieldsV1,

    /// <summary>A message of the table (<see cref="FieldDescriptor.Message"/>).</summary>
    Message,
}
