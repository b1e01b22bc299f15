using System.Globalization;
using Keelson.Kubernetes.Selectors;
using Microsoft.AspNetCore.Http;

namespace Keelson.Core.Fleet;

/// <summary>Reads the query parameters of a fleet request, collecting what is wrong with each for one 400 answer.</summary>
internal sealed class FleetRequest(IQueryCollection query)
{
    /// <summary>Problems by parameter name; empty when every parameter was fine.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A parameter's value; null when absent or empty.</summary>
    public string? Text(string name) => query[name] is { Count: > 0 } values && values[^1] is { Length: > 0 } value ? value : null;

    /// <summary><c>limit</c>: 1 to <see cref="FleetView.MaxLimit"/>, <see cref="FleetView.DefaultLimit"/> when absent.</summary>
    public int Limit()
    {
        if (Text("limit") is not { } text)
        {
            return FleetView.DefaultLimit;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= FleetView.MaxLimit)
        {
            return limit;
        }

        Errors["limit"] = [$"\"{text}\" is not a page size; give a whole number from 1 to {FleetView.MaxLimit}"];
        return FleetView.DefaultLimit;
    }

    /// <summary>A <c>true</c>/<c>false</c> parameter; null when absent.</summary>
    public bool? Flag(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Errors[name] = [$"\"{text}\" is not true or false"];
        return null;
    }

    /// <summary>A label selector (<c>env=prod,tier in (1,2)</c>); null when absent.</summary>
    public LabelMatcher? Selector(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return LabelMatcher.Parse(text);
        }
        catch (FormatException e)
        {
            Errors[name] = [e.Message];
            return null;
        }
    }

    /// <summary>A node condition filter: <c>NotReady</c>, a condition type, or <c>any</c>.</summary>
    public string? Condition()
    {
        var text = Text("condition");
        if (text is null || (text.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(text[0])))
        {
            return text;
        }

        Errors["condition"] = [$"\"{text}\" is not a node condition; give NotReady, a condition type such as MemoryPressure, DiskPressure, PIDPressure or KernelDeadlock, or any"];
        return null;
    }

    /// <summary>A pod phase (any case); null when absent.</summary>
    public PodPhase? Phase()
    {
        var text = Text("phase");
        if (text is null)
        {
            return null;
        }

        foreach (var phase in Enum.GetValues<PodPhase>())
        {
            if (string.Equals(phase.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return phase;
            }
        }

        Errors["phase"] = [$"\"{text}\" is not a pod phase; give {string.Join(", ", Enum.GetNames<PodPhase>())}"];
        return null;
    }

    /// <summary>A workload kind, as kubectl takes it: <c>Deployment</c>, <c>deployments</c>, <c>deploy</c>, <c>sts</c>, <c>ds</c>...</summary>
    public WorkloadKind? Kind(string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        WorkloadKind? kind = text.ToLowerInvariant() switch
        {
            "deployment" or "deployments" or "deploy" => WorkloadKind.Deployment,
            "statefulset" or "statefulsets" or "sts" => WorkloadKind.StatefulSet,
            "daemonset" or "daemonsets" or "ds" => WorkloadKind.DaemonSet,
            _ => null,
        };
        if (kind is null)
        {
            Errors[name] = [$"\"{text}\" is not a workload kind; give Deployment, StatefulSet or DaemonSet"];
        }

        return kind;
    }
}
