using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Api;

/// <summary>Turns label and field selectors of a request into a filter over stored objects.</summary>
internal static class SelectorFilter
{
    private static readonly string[] MetadataFields = ["metadata.name", "metadata.namespace"];

    /// <summary>The filter, or null when there is no selector.</summary>
    /// <exception cref="ApiException">400 for a malformed selector or a field the kind cannot be selected by.</exception>
    public static Func<StoredObject, bool>? Build(ResourceKind kind, string? labelSelector, string? fieldSelector)
    {
        LabelMatcher? labels = null;
        FieldMatcher? fields = null;
        try
        {
            if (!string.IsNullOrEmpty(labelSelector))
            {
                labels = LabelMatcher.Parse(labelSelector);
            }

            if (!string.IsNullOrEmpty(fieldSelector))
            {
                fields = FieldMatcher.Parse(fieldSelector);
            }
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"unable to parse requirement: {e.Message}");
        }

        foreach (var requirement in fields?.Requirements ?? [])
        {
            if (requirement.Field is not ("metadata.name" or "metadata.namespace") && kind.FieldIndex(requirement.Field) < 0)
            {
                var supported = string.Join(", ", MetadataFields.Concat(kind.SelectableFields));
                throw ApiException.BadRequest($"field label not supported: {requirement.Field} (for {kind.Resource.Plural}: {supported})");
            }
        }

        if (labels is null or { IsEverything: true } && fields is null or { IsEverything: true })
        {
            return null;
        }

        return o => (labels is null || labels.Matches(o.Labels)) && (fields is null || fields.Matches(f => o.Field(kind, f)));
    }
}
