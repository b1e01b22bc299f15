using System.Globalization;
using System.Text;

namespace Keelson.Bench;

/// <summary>
/// Pods as a real cluster returns them (about 4 KB each as served): a Deployment's pod with managedFields of
/// three managers, an app container and a log shipper with env, ports,
/// probes, resources and mounts, projected volumes, default tolerations, and a Running status.
/// Each pod differs in name, uid, node, IPs and times, so nothing is shared by accident.
/// </summary>
internal static class RealisticPods
{
    private const string Template = """
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"checkout-7d9f8c6b5-@ID@","generateName":"checkout-7d9f8c6b5-","namespace":"team-@NS@","uid":"@UID@","resourceVersion":"@RV@","creationTimestamp":"2024-05-14T09:@MM@:@SS@Z","labels":{"app.kubernetes.io/name":"checkout","app.kubernetes.io/part-of":"shop","app.kubernetes.io/version":"1.42.0","pod-template-hash":"7d9f8c6b5","team":"team-@NS@"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-14T09:00:00Z"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"checkout-7d9f8c6b5","uid":"3f0c5a55-9d0e-4a51-8d3c-2f6a1b7c9e10","controller":true,"blockOwnerDeletion":true}],"managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2024-05-14T09:@MM@:@SS@Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/restartedAt":{}},"f:generateName":{},"f:labels":{".":{},"f:app.kubernetes.io/name":{},"f:app.kubernetes.io/part-of":{},"f:app.kubernetes.io/version":{},"f:pod-template-hash":{},"f:team":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"3f0c5a55-9d0e-4a51-8d3c-2f6a1b7c9e10\"}":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"checkout\"}":{".":{},"f:env":{},"f:image":{},"f:name":{},"f:ports":{},"f:readinessProbe":{},"f:resources":{}}}}}},{"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2024-05-14T09:@MM@:@SS@Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\"type\":\"ContainersReady\"}":{".":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Initialized\"}":{".":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Ready\"}":{".":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:startTime":{}}},"subresource":"status"}]},"spec":{"volumes":[{"name":"kube-api-access-@ID@","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],"containers":[{"name":"checkout","image":"registry.example.com/shop/checkout:1.42.0","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"env":[{"name":"LOG_LEVEL","value":"info"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],"resources":{"limits":{"cpu":"1","memory":"512Mi"},"requests":{"cpu":"250m","memory":"256Mi"}},"volumeMounts":[{"name":"kube-api-access-@ID@","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"readinessProbe":{"httpGet":{"path":"/ready","port":8080,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":5,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"},{"name":"log-shipper","image":"registry.example.com/infra/fluent-bit:3.0.4","resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"20m","memory":"64Mi"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"checkout","serviceAccount":"checkout","nodeName":"node-@NODE@","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-14T09:@MM@:@SS@Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-14T09:@MM@:@SS@Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-14T09:@MM@:@SS@Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-14T09:@MM@:@SS@Z"}],"hostIP":"10.0.@IP@","podIP":"100.64.@IP@","startTime":"2024-05-14T09:@MM@:@SS@Z","containerStatuses":[{"name":"checkout","state":{"running":{"startedAt":"2024-05-14T09:@MM@:@SS@Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"registry.example.com/shop/checkout:1.42.0","imageID":"registry.example.com/shop/checkout@sha256:9b2a8f5c1d7e3a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b","containerID":"containerd://@UID@@ID@","started":true},{"name":"log-shipper","state":{"running":{"startedAt":"2024-05-14T09:@MM@:@SS@Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"registry.example.com/infra/fluent-bit:3.0.4","imageID":"registry.example.com/infra/fluent-bit@sha256:5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f","containerID":"containerd://@UID@","started":true}],"qosClass":"Burstable"}}
        """;

    /// <summary>Pod number <paramref name="index"/> as JSON text.</summary>
    public static string Pod(int index)
    {
        var id = Suffix(index);
        var uid = new Guid(index, (short)(index >> 16), 0x4a51, 0x8d, 0x3c, 0x2f, 0x6a, 0x1b, 0x7c, 0x9e, (byte)index).ToString();
        return new StringBuilder(Template)
            .Replace("@ID@", id)
            .Replace("@UID@", uid)
            .Replace("@NS@", (index % 100).ToString("D3", CultureInfo.InvariantCulture))
            .Replace("@RV@", (1000 + index).ToString(CultureInfo.InvariantCulture))
            .Replace("@MM@", (index / 60 % 60).ToString("D2", CultureInfo.InvariantCulture))
            .Replace("@SS@", (index % 60).ToString("D2", CultureInfo.InvariantCulture))
            .Replace("@NODE@", (index / 10).ToString("D5", CultureInfo.InvariantCulture))
            .Replace("@IP@", FormattableString.Invariant($"{(index >> 8) & 255}.{index & 255}"))
            .ToString();
    }

    /// <summary>A PodList of pods [<paramref name="from"/>, <paramref name="to"/>) as UTF-8 JSON, with a continue token when <paramref name="next"/> is set.</summary>
    public static byte[] List(int from, int to, string resourceVersion, string? next = null)
    {
        var json = new StringBuilder(((to - from) * 4400) + 200);
        json.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"");
        if (next is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"continue\":\"{next}\"");
        }

        json.Append("},\"items\":[");
        for (var i = from; i < to; i++)
        {
            json.Append(i == from ? "" : ",").Append(Pod(i));
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>A pod-name suffix as a ReplicaSet makes them: five characters of bcdfghjklmnpqrstvwxz2456789.</summary>
    private static string Suffix(int index)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> chars = stackalloc char[5];
        var n = index;
        for (var i = 4; i >= 0; i--)
        {
            chars[i] = alphabet[n % alphabet.Length];
            n /= alphabet.Length;
        }

        return new string(chars);
    }
}
