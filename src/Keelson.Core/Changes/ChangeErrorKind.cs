namespace Keelson.Core.Changes;

/// <summary>Why change control refused a request.</summary>
public enum ChangeErrorKind
{
    /// <summary>No such change or rule.</summary>
    NotFound,

    /// <summary>The request is wrong (bad filter, missing reason).</summary>
    Invalid,

    /// <summary>The request collides with the change's state (approving a started change, starting one twice).</summary>
    Conflict,

    /// <summary>The caller may not do this (the initiator approving their own change).</summary>
    Forbidden,
}
