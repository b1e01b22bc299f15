namespace Keelson.Simulator.Scenarios;

/// <summary>
/// Chooses a behaviour for images whose reference matches <see cref="Image"/>, a pattern in
/// which <c>*</c> stands for any text (<c>*:crash</c>, <c>bad.example/*</c>). The first
/// matching rule wins; the scenario's rules come before the built-in ones.
/// </summary>
public sealed class ImageRule
{
    /// <summary>The pattern, matched against the whole image reference.</summary>
    public string Image { get; set; } = "";

    /// <summary>What matching containers do.</summary>
    public ImageBehaviour Behaviour { get; set; } = ImageBehaviour.Run;

    /// <summary>The rules every scenario has after its own.</summary>
    public static IReadOnlyList<ImageRule> BuiltIn { get; } =
    [
        new() { Image = "*:crash", Behaviour = ImageBehaviour.CrashLoop },
        new() { Image = "bad.example/*", Behaviour = ImageBehaviour.PullFailure },
        new() { Image = "*:slow", Behaviour = ImageBehaviour.SlowStart },
        new() { Image = "*:oom", Behaviour = ImageBehaviour.OomKill },
    ];

    /// <summary>Whether <paramref name="image"/> matches the pattern.</summary>
    public bool Matches(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var parts = Image.Split('*');
        if (parts.Length == 1)
        {
            return image == Image;
        }

        if (!image.StartsWith(parts[0], StringComparison.Ordinal) || !image.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = image.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return at <= image.Length - parts[^1].Length;
    }

    /// <summary>The behaviour of <paramref name="image"/> under <paramref name="rules"/> then the built-in rules.</summary>
    public static ImageBehaviour BehaviourOf(string image, IEnumerable<ImageRule> rules) =>
        rules.Concat(BuiltIn).FirstOrDefault(r => r.Matches(image))?.Behaviour ?? ImageBehaviour.Run;
}
