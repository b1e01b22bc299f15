using Keelson.Simulator.Store;

namespace Keelson.Simulator.Api;

/// <summary>Turns label and field selectors of a request into a filter over stored objects.</summary>
internal static class SelectorFilter
{
    /// <summary>The filter, or null when there is no selector.</summary>
    /// <exception cref="ApiException">400 for a malformed selector or a field the kind cannot be selected by.</exception>
    public static Func<StoredObject, bool>? Build(ResourceKind kind, string? labelSelector, string? fieldSelector)
    {
        // PLACEHOLDER until the selector parsers land on main: selectors are refused rather than ignored.
        if (!string.IsNullOrEmpty(labelSelector) || !string.IsNullOrEmpty(fieldSelector))
        {
            throw ApiException.BadRequest($"selectors are not supported yet on {kind}");
        }

        return null;
    }
}
