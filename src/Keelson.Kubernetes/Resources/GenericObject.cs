using System.Text.Json;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// An object of any kind, typed only in its metadata: custom resources and kinds Keelson has no
/// model for. Everything but <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> is in
/// <see cref="KubernetesObject.ExtensionData"/>.
/// </summary>
public sealed class GenericObject : KubernetesObject
{
    /// <summary>A top-level field such as <c>spec</c> or <c>status</c>, if present.</summary>
    public JsonElement? Field(string name) =>
        ExtensionData is not null && ExtensionData.TryGetValue(name, out var value) ? value : null;
}
