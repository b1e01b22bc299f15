namespace Keelson.Simulator.Schema;

/// <summary>What kind of value a schema describes, as the API server's Go types and OpenAPI see it.</summary>
public enum SchemaKind
{
    /// <summary>A Go struct: an object with declared fields (OpenAPI <c>properties</c>).</summary>
    Struct,

    /// <summary>A map from string keys to one element type (OpenAPI <c>additionalProperties</c>).</summary>
    Map,

    /// <summary>An array of one element type.</summary>
    List,

    /// <summary>A string.</summary>
    String,

    /// <summary>A whole number; <see cref="TypeSchema.Format"/> says <c>int32</c> or <c>int64</c>.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>Bytes, written as a base64 string (Go <c>[]byte</c>).</summary>
    Bytes,

    /// <summary>An integer or a string (<c>intstr.IntOrString</c>), e.g. a port or a percentage.</summary>
    IntOrString,

    /// <summary>A resource quantity (<c>resource.Quantity</c>), e.g. <c>500m</c> or <c>1Gi</c>.</summary>
    Quantity,

    /// <summary>A timestamp with second precision (<c>metav1.Time</c>).</summary>
    Time,

    /// <summary>A timestamp with microsecond precision (<c>metav1.MicroTime</c>).</summary>
    MicroTime,

    /// <summary>Any JSON value; the server keeps it as written (<c>runtime.RawExtension</c>, <c>FieldsV1</c>, rare volume sources).</summary>
    FreeForm,
}
