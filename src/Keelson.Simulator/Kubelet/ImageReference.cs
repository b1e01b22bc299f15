using System.Globalization;
using Keelson.Simulator.Metrics;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// Image names as containerd reports them (<c>nginx:1.25</c> is <c>docker.io/library/nginx:1.25</c>),
/// with a stable digest and size per image, and the errors a failed pull reports.
/// </summary>
internal static class ImageReference
{
    /// <summary>The fully qualified reference: registry, repository and tag (or digest).</summary>
    public static string Normalize(string image)
    {
        var (registry, repository, tag) = Split(image);
        return $"{registry}/{repository}{tag}";
    }

    /// <summary>The image id a container status carries: <c>docker.io/library/nginx@sha256:…</c>.</summary>
    public static string Id(string image)
    {
        var (registry, repository, _) = Split(image);
        return $"{registry}/{repository}@sha256:{Digest(image)}";
    }

    /// <summary>The compressed size the Pulled event reports, 5 to 300 MB, fixed per image.</summary>
    public static long Size(string image) => 5_000_000 + (long)(StableHash.Unit(0, image) * 295_000_000);

    /// <summary>The pull policy defaulting gives: <c>Always</c> for <c>:latest</c> or no tag, else <c>IfNotPresent</c>.</summary>
    public static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var tag = Split(image).Tag;
        return tag is ":latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>The error containerd returns when the pull fails: an unknown registry host, or a missing tag on Docker Hub.</summary>
    public static string PullError(string image)
    {
        var (registry, repository, tag) = Split(image);
        var reference = $"{registry}/{repository}{tag}";
        var why = registry == "docker.io"
            ? $"{reference}: not found"
            : $"failed to do request: Head \"https://{registry}/v2/{repository}/manifests/{tag.TrimStart(':', '@')}\": dial tcp: lookup {registry.Split(':')[0]}: no such host";
        return $"failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": {why}";
    }

    /// <summary>A container id: <c>containerd://</c> and 64 hex digits, fixed per pod, container and restart.</summary>
    public static string ContainerId(string podUid, string container, int restart) =>
        "containerd://" + string.Concat(Enumerable.Range(0, 4).Select(i => StableHash.Of(restart, podUid + "/" + container, i).ToString("x16", CultureInfo.InvariantCulture)));

    private static string Digest(string image) =>
        string.Concat(Enumerable.Range(0, 4).Select(i => StableHash.Of(0, Normalize(image), i).ToString("x16", CultureInfo.InvariantCulture)));

    private static (string Registry, string Repository, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var tag = at >= 0 ? image[at..] : ":latest";
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (at < 0 && colon > slash)
        {
            tag = name[colon..];
            name = name[..colon];
        }

        var first = name.IndexOf('/', StringComparison.Ordinal);
        var head = first < 0 ? "" : name[..first];
        if (first >= 0 && (head.Contains('.', StringComparison.Ordinal) || head.Contains(':', StringComparison.Ordinal) || head == "localhost"))
        {
            return (head, name[(first + 1)..], tag);
        }

        return ("docker.io", first < 0 ? "library/" + name : name, tag);
    }
}
