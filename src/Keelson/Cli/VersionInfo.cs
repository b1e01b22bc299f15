using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Keelson.Cli;

/// <summary>The version and the git commit the binary was built from.</summary>
internal static class VersionInfo
{
    /// <summary>The product version, e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; }

    /// <summary>The git commit (short form), or <c>unknown</c> when built outside a git checkout.</summary>
    public static string Commit { get; }

    static VersionInfo()
    {
        // The SDK writes "<version>+<commit sha>" into the informational version when built from git.
        var informational = typeof(VersionInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        Version = plus < 0 ? informational : informational[..plus];
        var sha = plus < 0 ? "" : informational[(plus + 1)..];
        Commit = sha.Length == 0 ? "unknown" : sha[..Math.Min(12, sha.Length)];
    }

    /// <summary>One line for <c>keelson --version</c>.</summary>
    public static string Line => $"keelson {Version} (commit {Commit})";

    /// <summary>System.CommandLine prints only the version; SREs filing a bug need the commit too.</summary>
    public static void ReplaceDefaultVersionAction(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction();
            }
        }
    }

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Line);
            return 0;
        }
    }
}
