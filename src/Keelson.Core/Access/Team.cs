namespace Keelson.Core.Access;

/// <summary>A named group of users that grants can be given to.</summary>
/// <param name="Id">Database id.</param>
/// <param name="Name">Unique lower-case name.</param>
/// <param name="CreatedAt">When the team was created.</param>
/// <param name="Members">The members' user names, sorted.</param>
public sealed record Team(long Id, string Name, DateTimeOffset CreatedAt, IReadOnlyList<string> Members);
