using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// The defaults of a pod spec, applied alike to pods and to the pod templates of workloads
/// (<c>SetDefaults_PodSpec</c>, containers, probes, ports, volumes and the v1 conversion's field mirroring).
/// </summary>
internal static class PodSpecDefaults
{
    /// <summary>Defaults a workload's <c>spec.template</c>.</summary>
    public static void ApplyToTemplate(JsonObject workloadSpec)
    {
        var template = workloadSpec.GetOrAddObject("template");
        // Go writes a template's zero creationTimestamp as null; kubectl get -o yaml of a 1.30 workload shows it.
        FieldDefaults.DefaultNullTime(template.GetOrAddObject("metadata"), "creationTimestamp");
        Apply(template.GetOrAddObject("spec"));
    }

    /// <summary>Defaults a pod spec.</summary>
    public static void Apply(JsonObject spec)
    {
        spec.DefaultString("dnsPolicy", "ClusterFirst");
        spec.DefaultString("restartPolicy", "Always");
        spec.DefaultPointer("securityContext", new JsonObject());
        spec.DefaultPointer("terminationGracePeriodSeconds", 30);
        spec.DefaultString("schedulerName", "default-scheduler");

        // The v1 conversion keeps the deprecated serviceAccount field equal to serviceAccountName.
        if (spec.GetStringOrEmpty("serviceAccountName").Length == 0 && spec.GetStringOrEmpty("serviceAccount") is { Length: > 0 } legacy)
        {
            spec["serviceAccountName"] = legacy;
        }

        if (spec.GetStringOrEmpty("serviceAccountName") is { Length: > 0 } account)
        {
            spec["serviceAccount"] = account;
        }

        foreach (var list in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            foreach (var container in spec.GetArray(list).Objects())
            {
                ApplyToContainer(container);
            }
        }

        foreach (var volume in spec.GetArray("volumes").Objects())
        {
            ApplyToVolume(volume);
        }
    }

    private static void ApplyToContainer(JsonObject container)
    {
        if (container.GetStringOrEmpty("imagePullPolicy").Length == 0)
        {
            container["imagePullPolicy"] = ImageReference.DefaultPullPolicy(container.GetStringOrEmpty("image"));
        }

        container.DefaultString("terminationMessagePath", "/dev/termination-log");
        container.DefaultString("terminationMessagePolicy", "File");
        // ResourceRequirements is a struct, so Go writes "resources: {}" even when nothing is set.
        container.DefaultPointer("resources", new JsonObject());

        foreach (var port in container.GetArray("ports").Objects())
        {
            port.DefaultString("protocol", "TCP");
        }

        foreach (var probe in (string[])["livenessProbe", "readinessProbe", "startupProbe"])
        {
            if (container.GetObject(probe) is { } settings)
            {
                settings.DefaultNonZero("timeoutSeconds", 1);
                settings.DefaultNonZero("periodSeconds", 10);
                settings.DefaultNonZero("successThreshold", 1);
                settings.DefaultNonZero("failureThreshold", 3);
                ApplyToHttpGet(settings.GetObject("httpGet"));
            }
        }

        foreach (var hook in (string[])["postStart", "preStop"])
        {
            ApplyToHttpGet(container.GetObject("lifecycle").GetObject(hook).GetObject("httpGet"));
        }

        foreach (var variable in container.GetArray("env").Objects())
        {
            ApplyToFieldRef(variable.GetObject("valueFrom").GetObject("fieldRef"));
        }
    }

    private static void ApplyToHttpGet(JsonObject? httpGet)
    {
        if (httpGet is null)
        {
            return;
        }

        httpGet.DefaultString("path", "/");
        httpGet.DefaultString("scheme", "HTTP");
    }

    private static void ApplyToFieldRef(JsonObject? fieldRef) => fieldRef?.DefaultString("apiVersion", "v1");

    private static void ApplyToVolume(JsonObject volume)
    {
        // A volume that names no source is an emptyDir.
        if (!volume.Any(member => member.Key != "name" && member.Value is not null))
        {
            volume["emptyDir"] = new JsonObject();
        }

        // 0644, the mode kube-apiserver gives projected files unless told otherwise.
        const int DefaultMode = 420;
        foreach (var source in (string[])["secret", "configMap", "downwardAPI", "projected"])
        {
            volume.GetObject(source)?.DefaultPointer("defaultMode", DefaultMode);
        }

        foreach (var item in volume.GetObject("downwardAPI").GetArray("items").Objects())
        {
            ApplyToFieldRef(item.GetObject("fieldRef"));
        }

        foreach (var projection in volume.GetObject("projected").GetArray("sources").Objects())
        {
            projection.GetObject("serviceAccountToken")?.DefaultPointer("expirationSeconds", 3600);
            foreach (var item in projection.GetObject("downwardAPI").GetArray("items").Objects())
            {
                ApplyToFieldRef(item.GetObject("fieldRef"));
            }
        }

        volume.GetObject("hostPath")?.DefaultPointer("type", "");
        volume.GetObject("iscsi")?.DefaultString("iscsiInterface", "default");
        if (volume.GetObject("ephemeral").GetObject("volumeClaimTemplate").GetObject("spec") is { } claimSpec)
        {
            claimSpec.DefaultPointer("volumeMode", "Filesystem");
        }
    }
}
