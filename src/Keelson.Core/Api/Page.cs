namespace Keelson.Core.Api;

/// <summary>One page of a list: <c>{"items": [...], "continue": "TOKEN" | null}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Continue">The token for the next page, or null on the last one.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continue);
