namespace Keelson.Core.Clusters;

/// <summary>Why a cluster operation failed; the API maps each to an HTTP status.</summary>
public enum ClusterErrorKind
{
    /// <summary>The input is wrong (400).</summary>
    Invalid,

    /// <summary>No cluster of that name (404).</summary>
    NotFound,

    /// <summary>The name is taken (409).</summary>
    Conflict,

    /// <summary>The cluster could not be reached or refused the credentials (422: the request was understood but cannot be honoured).</summary>
    Unreachable,
}
