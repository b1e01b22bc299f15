namespace Keelson.Cli;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns with capital headers, like kubectl.</summary>
    Table,

    /// <summary>The API's JSON, indented.</summary>
    Json,

    /// <summary>The API's JSON as YAML.</summary>
    Yaml,
}
