namespace Keelson.Core.Access;

/// <summary>A signed-in console session.</summary>
/// <param name="Id">
/// The session's secret identifier, carried only inside the encrypted session cookie (the database keeps
/// its SHA-256). Never log it.
/// </param>
/// <param name="UserName">Whose session it is.</param>
/// <param name="CreatedAt">When the user signed in.</param>
/// <param name="ExpiresAt">When it ends, active or not.</param>
/// <param name="SourceIp">Where the user signed in from.</param>
public sealed record LoginSession(string Id, string UserName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? SourceIp);
