namespace Keelson.Core.Flows;

/// <summary>Why a task attempt failed; a task's <c>retry.on</c> lists the kinds worth another attempt.</summary>
public enum FlowErrorKind
{
    /// <summary>Anything not classified below (a webhook answered 4xx, a condition turned false).</summary>
    Failed,

    /// <summary>A fault that may heal by itself: no connection, a 5xx answer, the API server asking to slow down.</summary>
    Transient,

    /// <summary>The object changed under us (409 Conflict, a failed precondition).</summary>
    Conflict,

    /// <summary>The object the task acts on does not exist.</summary>
    NotFound,

    /// <summary>The task ran past its <c>timeout</c>.</summary>
    Timeout,

    /// <summary>The task's inputs are wrong (a missing field, a value of the wrong type, a 422 from the cluster); never retried.</summary>
    Invalid,

    /// <summary>The action gate denied the action, or a person rejected an approval; never retried.</summary>
    Denied,
}
