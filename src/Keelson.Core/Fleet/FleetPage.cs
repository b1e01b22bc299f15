namespace Keelson.Core.Fleet;

/// <summary>One page of a fleet list, as the REST API returns it: <c>{"items": [...], "continue": "TOKEN" | null}</c>.</summary>
/// <typeparam name="T">What is listed.</typeparam>
/// <param name="Items">The items, in the list's order (cluster, then namespace and name).</param>
/// <param name="Continue">An opaque token for the next page; null on the last page.</param>
public sealed record FleetPage<T>(IReadOnlyList<T> Items, string? Continue);
