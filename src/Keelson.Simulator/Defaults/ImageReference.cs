using System.Text.RegularExpressions;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// The tag of a container image reference as the kubelet's image parser reads it (docker reference grammar):
/// the default <c>imagePullPolicy</c> is Always for <c>:latest</c> or an untagged, undigested image, else IfNotPresent.
/// </summary>
internal static partial class ImageReference
{
    // domain? path (":" tag)? ("@" digest)?, after github.com/distribution/reference. Whether a leading
    // component is read as registry or as path never changes the tag, so one pattern serves both readings.
    [GeneratedRegex(
        """^(?:(?<domain>(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    /// <summary>The pull policy an empty <c>imagePullPolicy</c> defaults to for <paramref name="image"/>.</summary>
    public static string DefaultPullPolicy(string image) => Tag(image) == "latest" ? "Always" : "IfNotPresent";

    /// <summary>
    /// The image's tag: <c>latest</c> when it has neither tag nor digest, empty when it has only a digest or does
    /// not parse (an invalid reference is left to validation, and defaults to IfNotPresent).
    /// </summary>
    public static string Tag(string image)
    {
        var match = Reference().Match(image);
        if (!match.Success)
        {
            return "";
        }

        var tag = match.Groups["tag"].Value;
        return tag.Length == 0 && !match.Groups["digest"].Success ? "latest" : tag;
    }
}
