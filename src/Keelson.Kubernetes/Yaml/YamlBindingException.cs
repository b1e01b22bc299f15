namespace Keelson.Kubernetes.Yaml;

/// <summary>A YAML document does not fit the shape expected; the message names file, line, column and field.</summary>
public sealed class YamlBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public YamlBindingException(string source, long line, long column, string path, string problem, Exception? inner = null)
        : base($"{source}:{line}:{column}: {(path.Length == 0 ? "" : path + ": ")}{problem}", inner)
    {
        Source = source;
        Line = line;
        Column = column;
        FieldPath = path;
        Problem = problem;
    }

    /// <summary>The file (or other source) name.</summary>
    public new string Source { get; }

    /// <summary>1-based line.</summary>
    public long Line { get; }

    /// <summary>1-based column.</summary>
    public long Column { get; }

    /// <summary>The field path, e.g. <c>clusters[0].nodePools[1].cpu</c>.</summary>
    public string FieldPath { get; }

    /// <summary>What is wrong and what to do, without the location.</summary>
    public string Problem { get; }
}
