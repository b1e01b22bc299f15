namespace Keelson.Core.Flows.Definitions;

/// <summary>The type of a flow parameter or an executor input.</summary>
public enum FlowValueType
{
    /// <summary>Any JSON value.</summary>
    Any,

    /// <summary>Text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>Any number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A Go duration written as text: <c>90s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    Duration,

    /// <summary>A list.</summary>
    List,

    /// <summary>An object (a mapping).</summary>
    Object,
}
