using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// The validation kube-apiserver 1.30 applies to a create or an update, returning the field errors it reports as
/// a 422 Invalid (build the response with <see cref="ValidationStatus.Invalid"/>). Validate the object after
/// <see cref="Defaults.Defaulter"/> has run, as the API server does.
/// </summary>
public static class ObjectValidator
{
    private static readonly Dictionary<(string Group, string Kind), IKindValidator> Validators = new()
    {
        [("", "Pod")] = new PodValidator(),
        [("", "Service")] = new ServiceValidator(),
        [("", "ConfigMap")] = ConfigMapValidator.ConfigMap,
        [("", "Secret")] = ConfigMapValidator.Secret,
        [("", "Namespace")] = new MetadataValidator(namespaced: false, NameRules.IsDns1123Label),
        [("", "Node")] = new MetadataValidator(namespaced: false, NameRules.IsDns1123Subdomain),
        [("", "ServiceAccount")] = new MetadataValidator(namespaced: true, NameRules.IsDns1123Subdomain),
        [("", "Endpoints")] = new MetadataValidator(namespaced: true, NameRules.IsDns1123Subdomain),
        [("", "Event")] = EventValidator.Core,
        [("events.k8s.io", "Event")] = EventValidator.EventsApi,
        [("apps", "Deployment")] = new DeploymentValidator(),
        [("apps", "ReplicaSet")] = new ReplicaSetValidator(),
        [("apps", "StatefulSet")] = new StatefulSetValidator(),
        [("apps", "DaemonSet")] = new DaemonSetValidator(),
        [("apps", "ControllerRevision")] = new ControllerRevisionValidator(),
        [("batch", "Job")] = new JobValidator(),
        [("coordination.k8s.io", "Lease")] = new LeaseValidator(),
        [("policy", "PodDisruptionBudget")] = new PodDisruptionBudgetValidator(),
    };

    /// <summary>
    /// Validates <paramref name="obj"/> of <paramref name="kind"/>: a create when <paramref name="old"/> is null,
    /// else an update of <paramref name="old"/>. Unknown kinds (custom resources) are not validated here.
    /// </summary>
    /// <param name="apiVersion">The object's API version, e.g. <c>apps/v1</c>.</param>
    /// <param name="kind">The object's kind, e.g. <c>Deployment</c>.</param>
    /// <param name="obj">The defaulted object being written.</param>
    /// <param name="old">The stored object an update replaces; null for a create.</param>
    /// <returns>The errors in the order kube-apiserver reports them; empty when the object is valid.</returns>
    public static IReadOnlyList<FieldError> Validate(string apiVersion, string kind, JsonObject obj, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        if (!Validators.TryGetValue((group, kind), out var validator))
        {
            return [];
        }

        var errors = new List<FieldError>();
        validator.Validate(obj, old, errors);
        if (errors.Count == 0 && old is null)
        {
            // Once the kind's own rules pass, every name must still work as a URL path segment.
            var name = obj.GetObject("metadata").GetStringOrEmpty("name");
            errors.AddRange(NameRules.IsPathSegmentName(name).Select(message => FieldError.InvalidString("metadata.name", name, message)));
        }

        return errors;
    }

    /// <summary>
    /// True when a create carries a <c>metadata.resourceVersion</c> that kube-apiserver's storage refuses (a
    /// positive number; other values are ignored there). Answer it with
    /// <see cref="ValidationStatus.ResourceVersionSetOnCreate"/>, a 500, before validating.
    /// </summary>
    public static bool HasResourceVersionOnCreate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ulong.TryParse(obj.GetObject("metadata").GetString("resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version != 0;
    }
}
