using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Registry;

/// <summary>Deletion: preconditions, graceful deletion of pods, finalizers and propagation policy.</summary>
public sealed partial class ObjectRegistry
{
    /// <summary>
    /// Deletes an object. A pod on a node is only marked (deletionTimestamp + grace period) until
    /// its kubelet confirms with a zero grace period; an object with finalizers (including the
    /// <c>foregroundDeletion</c>/<c>orphan</c> finalizers of the propagation policy) waits for them.
    /// </summary>
    public DeleteOutcome Delete(ResourceKind kind, string? @namespace, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = Key(kind, @namespace, name);
        DeleteOutcome? outcome = null;
        var e = _store.Table(kind).Write(key, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(kind, name);
            }

            CheckDeletePreconditions(kind, name, current, options);
            var obj = Parse(current);
            var meta = Metadata(obj);
            var now = _time.GetUtcNow();
            var terminating = meta["deletionTimestamp"] is not null;
            var grace = GracePeriod(kind, obj, options);
            if (grace > 0)
            {
                var remaining = terminating ? meta["deletionGracePeriodSeconds"]?.GetValue<long>() ?? 0 : long.MaxValue;
                if (grace >= remaining)
                {
                    outcome = new DeleteOutcome(current, false);
                    return Mutation.None;
                }

                meta["deletionTimestamp"] = TimeText(now.AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
                AddPropagationFinalizer(meta, options, terminating);
                return Keep(kind, key, obj, options, ref outcome);
            }

            if (IsNamespace(obj))
            {
                // As kube-apiserver: the first delete only starts termination (the namespace controller
                // empties it); a later one removes it once spec.finalizers is empty.
                if (!terminating)
                {
                    meta["deletionTimestamp"] = TimeText(now);
                    ((JsonObject)(obj["status"] ??= new JsonObject()))["phase"] = "Terminating";
                    AddPropagationFinalizer(meta, options, terminating);
                    return Keep(kind, key, obj, options, ref outcome);
                }

                if (obj["spec"]?["finalizers"] is JsonArray { Count: > 0 })
                {
                    outcome = new DeleteOutcome(current, false);
                    return Mutation.None;
                }
            }

            AddPropagationFinalizer(meta, options, terminating);
            if (HasPendingFinalizers(obj))
            {
                if (terminating && meta["deletionGracePeriodSeconds"]?.GetValue<long>() == 0)
                {
                    outcome = new DeleteOutcome(current, false);
                    return Mutation.None;
                }

                meta["deletionTimestamp"] ??= TimeText(now);
                meta["deletionGracePeriodSeconds"] = 0;
                if (kind.Resource.Kind == "Namespace")
                {
                    // The namespace controller empties it, then removes spec.finalizers through /finalize.
                    ((JsonObject)(obj["status"] ??= new JsonObject()))["phase"] = "Terminating";
                }

                return Keep(kind, key, obj, options, ref outcome);
            }

            if (options.DryRun)
            {
                outcome = new DeleteOutcome(current, true);
                return Mutation.None;
            }

            return Mutation.Delete;
        });
        return outcome ?? new DeleteOutcome(e!.Object, e.Type == StoreEventType.Deleted);
    }

    private static Mutation Keep(ResourceKind kind, Kubernetes.Informers.ObjectKey key, JsonObject obj, DeleteOptions options, ref DeleteOutcome? outcome)
    {
        if (options.DryRun)
        {
            outcome = new DeleteOutcome(Transient(kind, key, obj), false);
            return Mutation.None;
        }

        return Mutation.Put(obj);
    }

    /// <summary>Seconds a pod gets to stop: 0 for anything but a pod running on a node.</summary>
    private static long GracePeriod(ResourceKind kind, JsonObject obj, DeleteOptions options)
    {
        if (kind.Resource.Kind != "Pod" || kind.Resource.Group.Length > 0)
        {
            return 0;
        }

        var phase = obj["status"]?["phase"]?.GetValue<string>();
        if (obj["spec"]?["nodeName"] is null || phase is "Succeeded" or "Failed")
        {
            return 0; // nothing runs that needs time to stop
        }

        var grace = options.GracePeriodSeconds ?? obj["spec"]?["terminationGracePeriodSeconds"]?.GetValue<long>() ?? 30;
        return Math.Max(0, grace);
    }

    private static void AddPropagationFinalizer(JsonObject meta, DeleteOptions options, bool terminating)
    {
        var finalizer = options.PropagationPolicy switch
        {
            "Foreground" => "foregroundDeletion",
            "Orphan" => "orphan",
            null or "" or "Background" => null,
            var other => throw ApiException.BadRequest($"propagationPolicy \"{other}\" is not one of Background, Foreground, Orphan"),
        };
        if (finalizer is null || terminating)
        {
            return;
        }

        var finalizers = meta["finalizers"] as JsonArray ?? [];
        if (!finalizers.Any(f => f?.GetValue<string>() == finalizer))
        {
            finalizers.Add(finalizer);
        }

        meta["finalizers"] = finalizers;
    }

    private static void CheckDeletePreconditions(ResourceKind kind, string name, StoredObject current, DeleteOptions options)
    {
        if (!string.IsNullOrEmpty(options.PreconditionUid) && options.PreconditionUid != current.Uid)
        {
            throw ApiException.Conflict(kind, name, $"Precondition failed: UID in precondition: {options.PreconditionUid}, UID in object meta: {current.Uid}");
        }

        var version = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(options.PreconditionResourceVersion) && options.PreconditionResourceVersion != version)
        {
            throw ApiException.Conflict(kind, name, $"Precondition failed: ResourceVersion in precondition: {options.PreconditionResourceVersion}, ResourceVersion in object meta: {version}");
        }
    }
}
