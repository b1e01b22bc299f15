namespace Keelson.Kubernetes.Discovery;

/// <summary>The answer of <c>/version</c>.</summary>
public sealed class ServerVersion
{
    /// <summary>Major version, e.g. <c>1</c>.</summary>
    public string? Major { get; set; }

    /// <summary>Minor version, e.g. <c>30</c> (sometimes with a suffix such as <c>30+</c>).</summary>
    public string? Minor { get; set; }

    /// <summary>Full version, e.g. <c>v1.30.2</c>.</summary>
    public string? GitVersion { get; set; }

    /// <summary>The commit the server was built from.</summary>
    public string? GitCommit { get; set; }

    /// <summary><c>clean</c> or <c>dirty</c>.</summary>
    public string? GitTreeState { get; set; }

    /// <summary>When the server was built (RFC 3339 text).</summary>
    public string? BuildDate { get; set; }

    /// <summary>Go version used to build the server.</summary>
    public string? GoVersion { get; set; }

    /// <summary>Go compiler.</summary>
    public string? Compiler { get; set; }

    /// <summary>OS/architecture, e.g. <c>linux/amd64</c>.</summary>
    public string? Platform { get; set; }
}
