namespace Keelson.Simulator.Tables;

/// <summary>Columns many printers share, defined once as kube-apiserver's printers repeat them.</summary>
internal static class CommonColumns
{
    /// <summary>The NAME column every built-in printer starts with.</summary>
    public static TableColumn Name { get; } = new("Name", "string", ColumnDescriptions.Name, Format: "name");

    /// <summary>The AGE column.</summary>
    public static TableColumn Age { get; } = new("Age", "string", ColumnDescriptions.CreationTimestamp);

    /// <summary>The wide CONTAINERS column of the workload printers.</summary>
    public static TableColumn Containers { get; } = new("Containers", "string", "Names of each container in the template.", Priority: 1);

    /// <summary>The wide IMAGES column of the workload printers.</summary>
    public static TableColumn Images { get; } = new("Images", "string", "Images referenced by each container in the template.", Priority: 1);
}
