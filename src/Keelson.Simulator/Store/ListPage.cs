namespace Keelson.Simulator.Store;

/// <summary>A page of a list.</summary>
/// <param name="Items">The objects, in key order.</param>
/// <param name="Revision">The cluster revision the page was read at.</param>
/// <param name="HasMore">Whether objects remain after the last one.</param>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long Revision, bool HasMore);
