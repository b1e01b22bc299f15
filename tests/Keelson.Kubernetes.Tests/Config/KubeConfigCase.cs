namespace Keelson.Kubernetes.Tests.Config;

/// <summary>
/// A <c>testdata/kubeconfig/cases/NAME/case.yaml</c>: which files to load (as <c>--kubeconfig</c>
/// or as a <c>KUBECONFIG</c> list, relative to the case folder) and what each context resolves to.
/// </summary>
public sealed class KubeConfigCase
{
    /// <summary>Loaded alone, like kubectl --kubeconfig.</summary>
    public string? Explicit { get; set; }

    /// <summary>Merged, like KUBECONFIG.</summary>
    public List<string>? Kubeconfig { get; set; }

    public List<KubeConfigCaseResolution> Resolve { get; set; } = [];
}
