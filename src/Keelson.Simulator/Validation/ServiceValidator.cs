using System.Net;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// v1 Services: DNS-1035 names, ports (required unless headless or ExternalName; named when several; unique by
/// name and by port and protocol), type, session affinity, external IPs, and on update a cluster IP that stays.
/// </summary>
internal sealed class ServiceValidator : IKindValidator
{
    // The kubelet's port may not be exposed through a load balancer.
    private const int KubeletPort = 10250;

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (old is not null)
        {
            MetadataValidation.ValidateObjectMetaUpdate(obj, old, errors);
            ValidateClusterIPsUpdate(spec, old.GetObject("spec"), errors);
        }

        MetadataValidation.ValidateObjectMeta(obj, namespaced: true, NameRules.IsDns1035Label, errors);
        var type = spec.GetStringOrEmpty("type");
        var clusterIPs = Strings(spec.GetArray("clusterIPs"));
        var headless = clusterIPs.Count > 0 && clusterIPs[0] == "None";
        var ports = spec.GetArray("ports").Objects().ToList();
        if (ports.Count == 0 && !headless && type != "ExternalName")
        {
            errors.Add(FieldError.Required("spec.ports"));
        }

        switch (type)
        {
            case "LoadBalancer":
                if (headless)
                {
                    errors.Add(FieldError.InvalidString("spec.clusterIPs[0]", clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
                }

                for (var i = 0; i < ports.Count; i++)
                {
                    if (ports[i].GetInt64("port") == KubeletPort)
                    {
                        errors.Add(FieldError.Invalid($"spec.ports[{i}]", KubeletPort, $"may not expose port {KubeletPort} externally since it is used by kubelet"));
                    }
                }

                break;
            case "NodePort" when headless:
                errors.Add(FieldError.InvalidString("spec.clusterIPs[0]", clusterIPs[0], "may not be set to 'None' for NodePort services"));
                break;
            case "ExternalName":
                ValidateExternalName(spec, clusterIPs, errors);
                break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            ValidatePort(ports[i], $"spec.ports[{i}]", ports.Count > 1, names, errors);
        }

        if (spec.GetObject("selector") is { } selector)
        {
            MetadataValidation.ValidateLabels(selector, "spec.selector", errors);
        }

        var affinity = spec.GetStringOrEmpty("sessionAffinity");
        if (affinity.Length == 0)
        {
            errors.Add(FieldError.Required("spec.sessionAffinity"));
        }
        else if (affinity is not ("ClientIP" or "None"))
        {
            errors.Add(FieldError.NotSupported("spec.sessionAffinity", GoFormat.Quote(affinity), "ClientIP", "None"));
        }
        else if (affinity == "None" && !spec!.IsNull("sessionAffinityConfig"))
        {
            errors.Add(FieldError.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        }

        var externalIPs = Strings(spec.GetArray("externalIPs"));
        for (var i = 0; i < externalIPs.Count; i++)
        {
            if (!IPAddress.TryParse(externalIPs[i], out _) || externalIPs[i].Contains('%', StringComparison.Ordinal))
            {
                errors.Add(FieldError.InvalidString($"spec.externalIPs[{i}]", externalIPs[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }

        if (type.Length == 0)
        {
            errors.Add(FieldError.Required("spec.type"));
        }
        else if (type is not ("ClusterIP" or "ExternalName" or "LoadBalancer" or "NodePort"))
        {
            errors.Add(FieldError.NotSupported("spec.type", GoFormat.Quote(type), "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"));
        }

        if (type == "ClusterIP")
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if ((ports[i].GetInt64("nodePort") ?? 0) != 0)
                {
                    errors.Add(FieldError.Forbidden($"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }

        var nodePorts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = ports[i].GetInt64("nodePort") ?? 0;
            if (nodePort != 0 && !nodePorts.Add($"{ports[i].GetStringOrEmpty("protocol")}/{nodePort}"))
            {
                errors.Add(FieldError.Duplicate($"spec.ports[{i}].nodePort", GoFormat.Number(nodePort)));
            }
        }

        // Duplicates are keyed on port and protocol; the value shown is that key as an internal ServicePort.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var protocol = ports[i].GetStringOrEmpty("protocol");
            var port = ports[i].GetInt64("port") ?? 0;
            if (!seen.Add($"{protocol}/{port}"))
            {
                errors.Add(FieldError.Duplicate(
                    $"spec.ports[{i}]",
                    $"core.ServicePort{{Name:\"\", Protocol:{GoFormat.Quote(protocol)}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}"));
            }
        }
    }

    private static void ValidateExternalName(JsonObject? spec, List<string> clusterIPs, List<FieldError> errors)
    {
        if (clusterIPs.Count > 0)
        {
            errors.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }

        if (spec.GetArray("ipFamilies")?.Count > 0)
        {
            errors.Add(FieldError.Forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
        }

        if (!(spec?.IsNull("ipFamilyPolicy") ?? true))
        {
            errors.Add(FieldError.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
        }

        // A trailing dot marks the name as fully qualified.
        var name = spec.GetStringOrEmpty("externalName").TrimEnd('.');
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("spec.externalName"));
        }
        else
        {
            errors.AddRange(NameRules.IsDns1123Subdomain(name).Select(message => FieldError.InvalidString("spec.externalName", name, message)));
        }
    }

    private static void ValidatePort(JsonObject port, string path, bool nameRequired, HashSet<string> names, List<FieldError> errors)
    {
        var name = port.GetStringOrEmpty("name");
        if (nameRequired && name.Length == 0)
        {
            errors.Add(FieldError.Required(path + ".name"));
        }
        else if (name.Length > 0)
        {
            errors.AddRange(NameRules.IsDns1123Label(name).Select(message => FieldError.InvalidString(path + ".name", name, message)));
            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate(path + ".name", GoFormat.Quote(name)));
            }
        }

        var number = port.GetInt64("port") ?? 0;
        errors.AddRange(NameRules.IsValidPortNumber(number).Select(message => FieldError.Invalid(path + ".port", number, message)));
        PodSpecValidation.ValidateProtocol(port.GetStringOrEmpty("protocol"), path + ".protocol", errors);
        PodSpecValidation.ValidatePortNumberOrName(port["targetPort"], path + ".targetPort", errors);
    }

    // The primary cluster IP is fixed once allocated, except when the service turns into or out of ExternalName.
    private static void ValidateClusterIPsUpdate(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        if (spec.GetString("type") == "ExternalName" || oldSpec.GetString("type") == "ExternalName")
        {
            return;
        }

        var clusterIPs = spec.GetArray("clusterIPs");
        var ips = Strings(clusterIPs);
        var oldIPs = Strings(oldSpec.GetArray("clusterIPs"));
        if (ips.Count == 0 && oldIPs.Count > 0)
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", GoFormat.StringSlice(clusterIPs), "primary clusterIP can not be unset"));
        }
        else if (ips.Count > 0 && oldIPs.Count > 0 && ips[0] != oldIPs[0])
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", GoFormat.StringSlice(clusterIPs), "may not change once set"));
        }
    }

    private static List<string> Strings(JsonArray? array) =>
        array?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() ?? [];
}
