namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// A YAML manifest that cannot be read: the message names the source, the document (1-based, counting
/// every <c>---</c> section), the line, what is wrong and what to do about it.
/// </summary>
public sealed class ManifestException : Exception
{
    internal ManifestException(string sourceName, int document, int line, string problem, string fix)
        : base($"{sourceName}: document {document}, line {line}: {problem}. {fix}")
    {
        SourceName = sourceName;
        Document = document;
        Line = line;
    }

    /// <summary>The file name or other description of where the YAML came from.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based number of the document within the source.</summary>
    public int Document { get; }

    /// <summary>The 1-based line within the source.</summary>
    public int Line { get; }
}
