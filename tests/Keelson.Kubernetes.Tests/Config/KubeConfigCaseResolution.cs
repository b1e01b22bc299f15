namespace Keelson.Kubernetes.Tests.Config;

/// <summary>One context of a case: what it resolves to, or the pieces its error message must contain ({dir} is the case folder, {certs} testdata/kubeconfig/certs).</summary>
public sealed class KubeConfigCaseResolution
{
    /// <summary>The context to resolve; null for the current context.</summary>
    public string? Context { get; set; }

    public KubeConfigCaseExpectation? Expect { get; set; }

    public List<string>? Error { get; set; }
}
