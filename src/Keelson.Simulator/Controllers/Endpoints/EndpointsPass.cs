using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers.Endpoints;

/// <summary>One sync of a Service's Endpoints, as kube's <c>Controller.syncService</c>.</summary>
internal sealed class EndpointsPass
{
    private const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";
    private const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";
    private const string HeadlessLabel = "service.kubernetes.io/headless";

    /// <summary>Addresses an Endpoints object holds at most (kube's <c>maxCapacity</c>).</summary>
    private const int MaxCapacity = 1000;

    private readonly EndpointsController _controller;
    private readonly SimulationContext _cluster;
    private readonly ObjectKey _key;

    public EndpointsPass(EndpointsController controller, ObjectKey key)
    {
        _controller = controller;
        _cluster = controller.Context;
        _key = key;
    }

    public void Run()
    {
        var stored = _cluster.Registry.Get(_cluster.Kinds.Service, _key.Namespace, _key.Name);
        if (stored is null)
        {
            _controller.TriggerTimes.Forget(_key);
            DeleteEndpoints();
            return;
        }

        var service = ObjectRegistry.Parse(stored);
        var spec = service["spec"] as JsonObject ?? [];
        if (spec["type"]?.GetValue<string>() == "ExternalName" || EndpointsController.Selector(service) is not { } selector)
        {
            return; // ExternalName services get no endpoints; those without a selector are managed by hand
        }

        var pods = _controller.Pods.Select(_key.Namespace, selector);
        var created = DateTimeOffset.Parse(service["metadata"]!["creationTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var triggerTime = _controller.TriggerTimes.Compute(_key, created, pods);
        var subsets = Subsets(spec, pods);
        var truncated = Truncate(subsets);
        var labels = Labels(service, spec);

        var current = _cluster.Registry.Get(_cluster.Kinds.Endpoints, _key.Namespace, _key.Name) is { } existing ? ObjectRegistry.Parse(existing) : null;
        if (current is not null && UpToDate(current, subsets, labels, truncated))
        {
            return;
        }

        var endpoints = current ?? new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = _key.Name, ["namespace"] = _key.Namespace },
        };
        var meta = (JsonObject)endpoints["metadata"]!;
        meta["labels"] = labels;
        var annotations = meta["annotations"]?.DeepClone() as JsonObject ?? [];
        if (triggerTime is { } time)
        {
            annotations[TriggerTimeAnnotation] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }
        else
        {
            annotations.Remove(TriggerTimeAnnotation);
        }

        if (truncated)
        {
            annotations[OverCapacityAnnotation] = "truncated";
        }
        else
        {
            annotations.Remove(OverCapacityAnnotation);
        }

        meta.Remove("annotations");
        if (annotations.Count > 0)
        {
            meta["annotations"] = annotations;
        }

        endpoints.Remove("subsets");
        if (subsets.Count > 0)
        {
            endpoints["subsets"] = subsets;
        }

        Write(endpoints, create: current is null);
    }

    /// <summary>The subsets of the selected pods, packed as kube's <c>RepackSubsets</c> packs them.</summary>
    private JsonArray Subsets(JsonObject spec, List<PodFacts> pods)
    {
        var publishNotReady = spec["publishNotReadyAddresses"]?.GetValue<bool>() == true;
        var ports = spec["ports"] as JsonArray ?? [];
        var headless = spec["clusterIP"]?.GetValue<string>() == "None";
        var packer = new SubsetPacker();
        foreach (var pod in pods)
        {
            // Pods that ended, have no IP yet, or are going away (unless the service publishes them) are left out.
            if (pod.Terminal || string.IsNullOrEmpty(pod.PodIp) || (!publishNotReady && pod.Terminating))
            {
                continue;
            }

            var ready = publishNotReady || pod.Ready;
            if (ports.Count == 0)
            {
                if (headless)
                {
                    packer.Add(pod, Address(pod), ready, null);
                }

                continue;
            }

            foreach (var port in ports.OfType<JsonObject>())
            {
                if (TargetPort(port, pod) is { } number)
                {
                    packer.Add(pod, Address(pod), ready, EndpointPort(port, number));
                }
            }
        }

        return packer.Subsets();
    }

    private JsonObject Address(PodFacts pod)
    {
        var address = new JsonObject { ["ip"] = pod.PodIp };
        if (!string.IsNullOrEmpty(pod.Hostname) && pod.Subdomain == _key.Name)
        {
            address["hostname"] = pod.Hostname;
        }

        address["nodeName"] = pod.NodeName ?? "";
        address["targetRef"] = new JsonObject
        {
            ["kind"] = "Pod",
            ["namespace"] = pod.Key.Namespace,
            ["name"] = pod.Name,
            ["uid"] = pod.Uid,
        };
        return address;
    }

    /// <summary>kube's <c>FindPort</c>: a number as is, a name looked up among the pod's container ports of the same protocol.</summary>
    private static int? TargetPort(JsonObject servicePort, PodFacts pod)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target is JsonValue value && value.TryGetValue<int>(out var number))
        {
            return number;
        }

        var name = target?.GetValue<string>();
        var protocol = servicePort["protocol"]?.GetValue<string>() ?? "TCP";
        return pod.NamedPorts.FirstOrDefault(p => p.Name == name && p.Protocol == protocol)?.Port;
    }

    private static JsonObject EndpointPort(JsonObject servicePort, int number)
    {
        var port = new JsonObject();
        if (servicePort["name"]?.GetValue<string>() is { Length: > 0 } name)
        {
            port["name"] = name;
        }

        port["port"] = number;
        port["protocol"] = servicePort["protocol"]?.GetValue<string>() ?? "TCP";
        if (servicePort["appProtocol"]?.GetValue<string>() is { } appProtocol)
        {
            port["appProtocol"] = appProtocol;
        }

        return port;
    }

    /// <summary>The Service's labels, plus <c>service.kubernetes.io/headless</c> when it has no cluster IP.</summary>
    private static JsonObject Labels(JsonObject service, JsonObject spec)
    {
        var labels = service["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        if (spec["clusterIP"]?.GetValue<string>() is null or "" or "None")
        {
            labels[HeadlessLabel] = "";
        }

        return labels;
    }

    private static bool UpToDate(JsonObject current, JsonArray subsets, JsonObject labels, bool truncated)
    {
        var currentSubsets = current["subsets"] as JsonArray ?? [];
        var annotations = current["metadata"]?["annotations"] as JsonObject;
        return JsonNode.DeepEquals(currentSubsets, subsets) &&
            JsonNode.DeepEquals(current["metadata"]?["labels"] ?? new JsonObject(), labels) &&
            (annotations?[OverCapacityAnnotation] is not null) == truncated;
    }

    /// <summary>kube's <c>truncateEndpoints</c>: at most 1000 addresses, not-ready ones dropped first, each subset keeping its share.</summary>
    private static bool Truncate(JsonArray subsets)
    {
        int Count(JsonNode? subset, string field) => (subset?[field] as JsonArray)?.Count ?? 0;
        var totalReady = subsets.Sum(s => Count(s, "addresses"));
        var totalNotReady = subsets.Sum(s => Count(s, "notReadyAddresses"));
        if (totalReady + totalNotReady <= MaxCapacity)
        {
            return false;
        }

        var truncateReady = totalReady > MaxCapacity;
        var field = truncateReady ? "addresses" : "notReadyAddresses";
        var budget = truncateReady ? MaxCapacity : MaxCapacity - totalReady;
        var total = truncateReady ? totalReady : totalNotReady;
        var remaining = budget;
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = (JsonObject)subsets[i]!;
            var share = i == subsets.Count - 1 ? remaining : (int)Math.Round((double)Count(subset, field) / total * budget, MidpointRounding.AwayFromZero);
            share = Math.Min(Math.Min(share, remaining), Count(subset, field));
            if (subset[field] is JsonArray addresses)
            {
                while (addresses.Count > share)
                {
                    addresses.RemoveAt(addresses.Count - 1);
                }
            }

            if (truncateReady)
            {
                subset.Remove("notReadyAddresses");
            }

            remaining -= share;
        }

        return true;
    }

    private void Write(JsonObject endpoints, bool create)
    {
        try
        {
            if (create)
            {
                _cluster.Registry.Create(_cluster.Kinds.Endpoints, _key.Namespace, endpoints, WriteContext.For(_controller.Name));
                return;
            }

            _cluster.Registry.Mutate(_cluster.Kinds.Endpoints, _key.Namespace, _key.Name, _controller.Name, current =>
            {
                current["metadata"]!["labels"] = endpoints["metadata"]!["labels"]!.DeepClone();
                var annotations = endpoints["metadata"]!["annotations"]?.DeepClone();
                ((JsonObject)current["metadata"]!).Remove("annotations");
                if (annotations is not null)
                {
                    current["metadata"]!["annotations"] = annotations;
                }

                current.Remove("subsets");
                if (endpoints["subsets"] is { } subsets)
                {
                    current["subsets"] = subsets.DeepClone();
                }

                return true;
            });
        }
        catch (ApiException e) when (create && e.Code == 403 && e.Message.Contains("being terminated", StringComparison.Ordinal))
        {
            // The namespace is going away; creates keep failing, so the service is dropped.
        }
        catch (ApiException e)
        {
            var involved = new InvolvedObject("Endpoints", "v1", _key.Namespace, _key.Name, "");
            var message = create
                ? $"Failed to create endpoint for service {_key.Namespace}/{_key.Name}: {e.Message}"
                : $"Failed to update endpoint {_key.Namespace}/{_key.Name}: {e.Message}";
            _cluster.Events.Record(involved, "Warning", create ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint", message, _controller.Name);
            throw;
        }
    }

    private void DeleteEndpoints()
    {
        try
        {
            _cluster.Registry.Delete(_cluster.Kinds.Endpoints, _key.Namespace, _key.Name, new DeleteOptions());
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // None was there.
        }
    }
}
