using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.Disruption;

/// <summary>A LabelSelector as Go's generated <c>String()</c> prints it into kube's event messages.</summary>
internal static class GoSelectorText
{
    public static string Of(LabelSelector? selector)
    {
        if (selector is null)
        {
            return "nil";
        }

        var labels = string.Concat((selector.MatchLabels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}: {l.Value},"));
        var expressions = string.Concat((selector.MatchExpressions ?? []).Select(e =>
            $"LabelSelectorRequirement{{Key:{e.Key},Operator:{e.Operator},Values:[{string.Join(' ', e.Values ?? [])}],}},"));
        return $"&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{expressions}}},}}";
    }
}
