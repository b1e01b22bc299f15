namespace Keelson.Kubernetes.Resources;

/// <summary>A kind Keelson has a typed model for: where it lives in the API and the class that holds it.</summary>
/// <param name="Resource">The kind's API coordinates.</param>
/// <param name="ModelType">The model class, a <see cref="KubernetesObject"/> implementing <see cref="IKubernetesResource"/>.</param>
public sealed record KnownResource(ApiResource Resource, Type ModelType);
