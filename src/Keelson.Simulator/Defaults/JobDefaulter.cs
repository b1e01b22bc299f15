using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// batch/v1 Jobs: <c>SetDefaults_Job</c> on every write; on create, unless <c>manualSelector</c> is true, the
/// generated selector and pod labels (<c>batch.kubernetes.io/controller-uid</c>, <c>batch.kubernetes.io/job-name</c>
/// and their legacy unprefixed twins) that tie pods to this job's uid.
/// </summary>
internal sealed class JobDefaulter : IKindDefaulter
{
    private static readonly string[] JobNameLabels = ["job-name", "batch.kubernetes.io/job-name"];
    private static readonly string[] ControllerUidLabels = ["controller-uid", "batch.kubernetes.io/controller-uid"];

    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var metadata = obj.GetOrAddObject("metadata");
        var spec = obj.GetOrAddObject("spec");
        if (spec.IsNull("completions") && spec.IsNull("parallelism"))
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }

        spec.DefaultPointer("parallelism", 1);
        // A job with a per-index backoff limit is bounded by that instead.
        spec.DefaultPointer("backoffLimit", spec.IsNull("backoffLimitPerIndex") ? 6 : int.MaxValue);
        spec.DefaultPointer("completionMode", "NonIndexed");
        spec.DefaultPointer("suspend", false);
        foreach (var pattern in spec.GetObject("podFailurePolicy").GetArray("rules").Objects().SelectMany(r => r.GetArray("onPodConditions").Objects()))
        {
            pattern.DefaultString("status", "True");
        }

        // JobPodReplacementPolicy is beta and on in 1.30.
        spec.DefaultPointer("podReplacementPolicy", spec.IsNull("podFailurePolicy") ? "TerminatingOrFailed" : "Failed");
        spec.DefaultPointer("manualSelector", false);
        PodSpecDefaults.ApplyToTemplate(spec);

        if (operation == DefaultingOperation.Create)
        {
            if (spec.GetBoolean("manualSelector") != true)
            {
                GenerateSelector(metadata, spec);
            }

            obj["status"] = new JsonObject();
        }

        // A job without labels takes its template's. kube-apiserver applies this default again when it reads the
        // stored job, so the created job already carries the generated labels.
        var templateLabels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
        if (templateLabels is not null && (metadata.GetObject("labels")?.Count ?? 0) == 0)
        {
            metadata["labels"] = templateLabels.DeepClone();
        }
    }

    private static void GenerateSelector(JsonObject metadata, JsonObject spec)
    {
        var name = metadata.GetStringOrEmpty("name");
        var uid = metadata.GetStringOrEmpty("uid");
        if (name.Length == 0 || uid.Length == 0)
        {
            throw new ArgumentException(
                $"Job \"{name}\": defaulting on create generates the selector from metadata.name and metadata.uid; assign both before calling Defaulter.Apply.",
                nameof(metadata));
        }

        // Labels the client set are kept; a conflict with the generated selector is for validation to report.
        var labels = spec.GetOrAddObject("template").GetOrAddObject("metadata").GetOrAddObject("labels");
        foreach (var key in JobNameLabels)
        {
            labels.DefaultPointer(key, name);
        }

        foreach (var key in ControllerUidLabels)
        {
            labels.DefaultPointer(key, uid);
        }

        var matchLabels = spec.GetOrAddObject("selector").GetOrAddObject("matchLabels");
        matchLabels.DefaultPointer("batch.kubernetes.io/controller-uid", uid);
    }
}
