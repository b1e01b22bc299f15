namespace Keelson.Kubernetes.Informers;

/// <summary>
/// The identity of an object in a cache: namespace (empty for cluster-scoped) and name. A
/// struct of two references, so a projection that keeps the same name string costs nothing extra.
/// </summary>
/// <param name="Namespace">The namespace, empty for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
