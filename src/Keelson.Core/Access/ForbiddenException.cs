namespace Keelson.Core.Access;

/// <summary>An authenticated caller lacks the grant an action needs (HTTP 403); the message names the missing grant.</summary>
/// <param name="reason">The denial's reason from <see cref="AccessDecision.Reason"/>.</param>
public sealed class ForbiddenException(string reason) : Exception(reason);
