using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// <c>ValidatePodSpec</c> and <c>ValidatePodTemplateSpec</c> of kube-apiserver 1.30, for the rules the simulator
/// checks: volumes' names, containers (names, images, ports, probes, hooks, mounts, pull and termination message
/// policies), host port conflicts, restart and DNS policies, node selector, names of service account, node, host
/// and subdomain, and activeDeadlineSeconds.
/// </summary>
internal static class PodSpecValidation
{
    private const string InitProbeForbidden = "may not be set for init containers without restartPolicy=Always";

    /// <summary>A pod template: its labels and annotations (at <c>path.labels</c>, not <c>path.metadata.labels</c>) and its spec.</summary>
    public static void ValidatePodTemplateSpec(JsonObject? template, string path, List<FieldError> errors)
    {
        var metadata = template.GetObject("metadata");
        MetadataValidation.ValidateLabels(metadata.GetObject("labels"), path + ".labels", errors);
        MetadataValidation.ValidateAnnotations(metadata.GetObject("annotations"), path + ".annotations", errors);
        var spec = template.GetObject("spec");
        ValidatePodSpec(spec, path + ".spec", errors);
        if (spec.GetArray("ephemeralContainers")?.Count > 0)
        {
            errors.Add(FieldError.Forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"));
        }
    }

    public static void ValidatePodSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        var volumes = ValidateVolumes(spec.GetArray("volumes"), path + ".volumes", errors);
        ValidateContainers(spec.GetArray("containers"), volumes, path + ".containers", errors);
        ValidateInitContainers(spec.GetArray("initContainers"), spec.GetArray("containers"), volumes, path + ".initContainers", errors);
        ValidateEnum(spec.GetStringOrEmpty("restartPolicy"), path + ".restartPolicy", errors, "Always", "OnFailure", "Never");
        ValidateEnum(spec.GetStringOrEmpty("dnsPolicy"), path + ".dnsPolicy", errors, "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
        MetadataValidation.ValidateLabels(spec.GetObject("nodeSelector"), path + ".nodeSelector", errors);

        ValidateName(spec.GetStringOrEmpty("serviceAccountName"), path + ".serviceAccountName", NameRules.IsDns1123Subdomain, errors);
        ValidateName(spec.GetStringOrEmpty("nodeName"), path + ".nodeName", NameRules.IsDns1123Subdomain, errors);
        if (spec.GetInt64("activeDeadlineSeconds") is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errors.Add(FieldError.Invalid(path + ".activeDeadlineSeconds", deadline, NameRules.InclusiveRangeError(1, int.MaxValue)));
        }

        ValidateName(spec.GetStringOrEmpty("hostname"), path + ".hostname", NameRules.IsDns1123Label, errors);
        ValidateName(spec.GetStringOrEmpty("subdomain"), path + ".subdomain", NameRules.IsDns1123Label, errors);
    }

    /// <summary>Restart and DNS policies: empty is Required, anything else outside the list Unsupported.</summary>
    public static void ValidateEnum(string value, string path, List<FieldError> errors, params string[] supported)
    {
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (!supported.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(FieldError.NotSupported(path, GoFormat.Quote(value), supported));
        }
    }

    private static void ValidateName(string value, string path, NameRule rule, List<FieldError> errors)
    {
        if (value.Length > 0)
        {
            errors.AddRange(rule(value).Select(message => FieldError.InvalidString(path, value, message)));
        }
    }

    // Returns the names of the volumes that validated, which are the ones mounts may refer to.
    private static HashSet<string> ValidateVolumes(JsonArray? volumes, string path, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var volume in volumes.Objects())
        {
            var namePath = $"{path}[{index++}].name";
            var name = volume.GetStringOrEmpty("name");
            var volumeErrors = new List<FieldError>();
            if (name.Length == 0)
            {
                volumeErrors.Add(FieldError.Required(namePath));
            }
            else
            {
                ValidateName(name, namePath, NameRules.IsDns1123Label, volumeErrors);
            }

            if (names.Contains(name))
            {
                volumeErrors.Add(FieldError.Duplicate(namePath, GoFormat.Quote(name)));
            }

            if (volumeErrors.Count == 0)
            {
                names.Add(name);
            }

            errors.AddRange(volumeErrors);
        }

        return names;
    }

    private static void ValidateContainers(JsonArray? containers, HashSet<string> volumes, string path, List<FieldError> errors)
    {
        if (containers is null || containers.Count == 0)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var container in containers.Objects())
        {
            var containerPath = $"{path}[{index++}]";
            ValidateContainerCommon(container, volumes, containerPath, errors);
            var name = container.GetStringOrEmpty("name");
            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate(containerPath + ".name", GoFormat.Quote(name)));
            }

            ValidateLifecycle(container.GetObject("lifecycle"), containerPath + ".lifecycle", errors);
            ValidateProbe(container.GetObject("livenessProbe"), containerPath + ".livenessProbe", successMustBeOne: true, errors);
            ValidateProbe(container.GetObject("readinessProbe"), containerPath + ".readinessProbe", successMustBeOne: false, errors);
            ValidateProbe(container.GetObject("startupProbe"), containerPath + ".startupProbe", successMustBeOne: true, errors);
            if (!container.IsNull("restartPolicy"))
            {
                errors.Add(FieldError.Forbidden(containerPath + ".restartPolicy", "may not be set for non-init containers"));
            }
        }

        // Host ports conflict across all regular containers, which run together.
        CheckHostPortConflicts(containers.Objects().Select((c, i) => (c, i)), path, errors);
    }

    private static void ValidateInitContainers(JsonArray? initContainers, JsonArray? containers, HashSet<string> volumes, string path, List<FieldError> errors)
    {
        var names = containers.Objects().Select(c => c.GetStringOrEmpty("name")).ToHashSet(StringComparer.Ordinal);
        var index = 0;
        foreach (var container in initContainers.Objects())
        {
            var position = index++;
            var containerPath = $"{path}[{position}]";
            ValidateContainerCommon(container, volumes, containerPath, errors);

            var restartAlways = false;
            if (container.GetString("restartPolicy") is { } restartPolicy)
            {
                if (restartPolicy != "Always")
                {
                    errors.Add(FieldError.NotSupported(containerPath + ".restartPolicy", GoFormat.Quote(restartPolicy), "Always"));
                }

                restartAlways = restartPolicy == "Always";
            }

            var name = container.GetStringOrEmpty("name");
            if (names.Contains(name))
            {
                errors.Add(FieldError.Duplicate(containerPath + ".name", GoFormat.Quote(name)));
            }
            else if (name.Length > 0)
            {
                names.Add(name);
            }

            // Init containers run one at a time, so each is checked for host port conflicts on its own.
            CheckHostPortConflicts([(container, position)], path, errors);

            if (restartAlways)
            {
                ValidateLifecycle(container.GetObject("lifecycle"), containerPath + ".lifecycle", errors);
                ValidateProbe(container.GetObject("livenessProbe"), containerPath + ".livenessProbe", successMustBeOne: true, errors);
                ValidateProbe(container.GetObject("readinessProbe"), containerPath + ".readinessProbe", successMustBeOne: false, errors);
                ValidateProbe(container.GetObject("startupProbe"), containerPath + ".startupProbe", successMustBeOne: true, errors);
                continue;
            }

            if (!container.IsNull("lifecycle"))
            {
                errors.Add(FieldError.Forbidden(containerPath + ".lifecycle", InitProbeForbidden));
            }

            if (!container.IsNull("livenessProbe"))
            {
                errors.Add(FieldError.Forbidden(containerPath + ".livenessProbe", InitProbeForbidden));
            }

            if (!container.IsNull("readinessProbe"))
            {
                errors.Add(FieldError.Forbidden(containerPath + ".readinessProbe", "may not be set for init containers"));
            }

            if (!container.IsNull("startupProbe"))
            {
                errors.Add(FieldError.Forbidden(containerPath + ".startupProbe", InitProbeForbidden));
            }
        }
    }

    private static void ValidateContainerCommon(JsonObject container, HashSet<string> volumes, string path, List<FieldError> errors)
    {
        var name = container.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path + ".name"));
        }
        else
        {
            ValidateName(name, path + ".name", NameRules.IsDns1123Label, errors);
        }

        if (container.GetStringOrEmpty("image").Length == 0)
        {
            errors.Add(FieldError.Required(path + ".image"));
        }

        switch (container.GetStringOrEmpty("terminationMessagePolicy"))
        {
            case "File" or "FallbackToLogsOnError":
                break;
            case "":
                errors.Add(FieldError.Required(path + ".terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'"));
                break;
            case var policy:
                errors.Add(FieldError.InvalidString(path + ".terminationMessagePolicy", policy, "must be 'File' or 'FallbackToLogsOnError'"));
                break;
        }

        ValidateContainerPorts(container.GetArray("ports"), path + ".ports", errors);
        ValidateVolumeMounts(container.GetArray("volumeMounts"), volumes, path + ".volumeMounts", errors);
        ValidateEnum(container.GetStringOrEmpty("imagePullPolicy"), path + ".imagePullPolicy", errors, "Always", "IfNotPresent", "Never");
    }

    private static void ValidateContainerPorts(JsonArray? ports, string path, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var port in ports.Objects())
        {
            var portPath = $"{path}[{index++}]";
            var name = port.GetStringOrEmpty("name");
            if (name.Length > 0)
            {
                var messages = NameRules.IsValidPortName(name);
                if (messages.Count > 0)
                {
                    errors.AddRange(messages.Select(message => FieldError.InvalidString(portPath + ".name", name, message)));
                }
                else if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate(portPath + ".name", GoFormat.Quote(name)));
                }
            }

            var containerPort = port.GetInt64("containerPort") ?? 0;
            if (containerPort == 0)
            {
                errors.Add(FieldError.Required(portPath + ".containerPort"));
            }
            else
            {
                errors.AddRange(NameRules.IsValidPortNumber(containerPort).Select(message => FieldError.Invalid(portPath + ".containerPort", containerPort, message)));
            }

            if (port.GetInt64("hostPort") is { } hostPort and not 0)
            {
                errors.AddRange(NameRules.IsValidPortNumber(hostPort).Select(message => FieldError.Invalid(portPath + ".hostPort", hostPort, message)));
            }

            ValidateProtocol(port.GetStringOrEmpty("protocol"), portPath + ".protocol", errors);
        }
    }

    /// <summary>A port protocol: required, and one of SCTP, TCP, UDP.</summary>
    public static void ValidateProtocol(string protocol, string path, List<FieldError> errors)
    {
        if (protocol.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (protocol is not ("SCTP" or "TCP" or "UDP"))
        {
            errors.Add(FieldError.NotSupported(path, GoFormat.Quote(protocol), "SCTP", "TCP", "UDP"));
        }
    }

    /// <summary>A port given as a number (1-65535) or as a port name.</summary>
    public static void ValidatePortNumberOrName(JsonNode? port, string path, List<FieldError> errors)
    {
        if (port is JsonValue value && value.TryGetValue<string>(out var name))
        {
            errors.AddRange(NameRules.IsValidPortName(name).Select(message => FieldError.InvalidString(path, name, message)));
            return;
        }

        var number = port is JsonValue numeric ? JsonObjectExtensions.AsInt64(numeric) ?? 0 : 0;
        errors.AddRange(NameRules.IsValidPortNumber(number).Select(message => FieldError.Invalid(path, number, message)));
    }

    // The same host IP, protocol and host port may be used only once.
    private static void CheckHostPortConflicts(IEnumerable<(JsonObject Container, int Index)> containers, string path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (container, index) in containers)
        {
            var portIndex = 0;
            foreach (var port in container.GetArray("ports").Objects())
            {
                var portPath = $"{path}[{index}].ports[{portIndex++}].hostPort";
                var hostPort = port.GetInt64("hostPort") ?? 0;
                if (hostPort == 0)
                {
                    continue;
                }

                var key = $"{port.GetStringOrEmpty("hostIP")}/{port.GetStringOrEmpty("protocol")}/{hostPort}";
                if (!seen.Add(key))
                {
                    errors.Add(FieldError.Duplicate(portPath, GoFormat.Quote(key)));
                }
            }
        }
    }

    private static void ValidateVolumeMounts(JsonArray? mounts, HashSet<string> volumes, string path, List<FieldError> errors)
    {
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var mount in mounts.Objects())
        {
            var mountPath = $"{path}[{index++}]";
            var name = mount.GetStringOrEmpty("name");
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required(mountPath + ".name"));
            }

            if (!volumes.Contains(name))
            {
                errors.Add(FieldError.NotFound(mountPath + ".name", name));
            }

            var target = mount.GetStringOrEmpty("mountPath");
            if (target.Length == 0)
            {
                errors.Add(FieldError.Required(mountPath + ".mountPath"));
            }

            if (!mountPoints.Add(target))
            {
                errors.Add(FieldError.InvalidString(mountPath + ".mountPath", target, "must be unique"));
            }
        }
    }

    private static void ValidateLifecycle(JsonObject? lifecycle, string path, List<FieldError> errors)
    {
        foreach (var hook in (string[])["postStart", "preStop"])
        {
            if (lifecycle.GetObject(hook) is { } handler)
            {
                ValidateHandler(handler, path + "." + hook, ["exec", "httpGet", "tcpSocket", "sleep"], errors);
            }
        }
    }

    private static void ValidateProbe(JsonObject? probe, string path, bool successMustBeOne, List<FieldError> errors)
    {
        if (probe is null)
        {
            return;
        }

        ValidateHandler(probe, path, ["exec", "httpGet", "tcpSocket", "grpc"], errors);
        foreach (var field in (string[])["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"])
        {
            if (probe.GetInt64(field) is < 0 and var value)
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, ValidationMessages.Negative));
            }
        }

        if (probe.GetInt64("terminationGracePeriodSeconds") is <= 0 and var grace)
        {
            errors.Add(FieldError.Invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than 0"));
        }

        if (successMustBeOne && (probe.GetInt64("successThreshold") ?? 0) != 1)
        {
            errors.Add(FieldError.Invalid(path + ".successThreshold", probe.GetInt64("successThreshold") ?? 0, "must be 1"));
        }
        else if (!successMustBeOne && probe.GetInt64("terminationGracePeriodSeconds") is { } readinessGrace)
        {
            errors.Add(FieldError.Invalid(path + ".terminationGracePeriodSeconds", readinessGrace, "must not be set for readinessProbes"));
        }
    }

    // Exactly one handler kind, each validated in the order kube-apiserver checks them.
    private static void ValidateHandler(JsonObject handler, string path, string[] kinds, List<FieldError> errors)
    {
        var count = 0;
        foreach (var kind in kinds)
        {
            if (handler.GetObject(kind) is not { } action)
            {
                continue;
            }

            var actionPath = path + "." + kind;
            if (count++ > 0)
            {
                errors.Add(FieldError.Forbidden(actionPath, "may not specify more than 1 handler type"));
                continue;
            }

            switch (kind)
            {
                case "exec" when (action.GetArray("command")?.Count ?? 0) == 0:
                    errors.Add(FieldError.Required(actionPath + ".command"));
                    break;
                case "httpGet":
                    if (action.GetStringOrEmpty("path").Length == 0)
                    {
                        errors.Add(FieldError.Required(actionPath + ".path"));
                    }

                    ValidatePortNumberOrName(action["port"], actionPath + ".port", errors);
                    if (action.GetStringOrEmpty("scheme") is not ("HTTP" or "HTTPS") and var scheme)
                    {
                        errors.Add(FieldError.NotSupported(actionPath + ".scheme", GoFormat.Quote(scheme), "HTTP", "HTTPS"));
                    }

                    break;
                case "tcpSocket":
                    ValidatePortNumberOrName(action["port"], actionPath + ".port", errors);
                    break;
                case "grpc":
                    var grpcPort = action.GetInt64("port") ?? 0;
                    errors.AddRange(NameRules.IsValidPortNumber(grpcPort).Select(message => FieldError.Invalid(actionPath + ".port", grpcPort, message)));
                    break;
            }
        }

        if (count == 0)
        {
            errors.Add(FieldError.Required(path, "must specify a handler type"));
        }
    }
}
