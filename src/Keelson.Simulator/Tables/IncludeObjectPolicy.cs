namespace Keelson.Simulator.Tables;

/// <summary>What each table row carries in <c>object</c>: the <c>includeObject</c> query parameter of a Table request.</summary>
public enum IncludeObjectPolicy
{
    /// <summary><c>None</c>: <c>object</c> is null.</summary>
    None,

    /// <summary><c>Metadata</c>, the default: a <c>meta.k8s.io/v1 PartialObjectMetadata</c> with the object's metadata.</summary>
    Metadata,

    /// <summary><c>Object</c>: the whole object (kubectl asks for it when sorting with <c>--sort-by</c>).</summary>
    Object,
}
