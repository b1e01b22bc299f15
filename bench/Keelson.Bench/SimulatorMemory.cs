namespace Keelson.Bench;

/// <summary>Prints where a simulator's memory goes, for the record under a benchmark's table.</summary>
internal static class SimulatorMemory
{
    /// <summary>One line for the process, then the kinds holding the most JSON.</summary>
    public static void Print(SimulatorStats stats)
    {
        Console.WriteLine($"  simulator: {stats.WorkingSet / 1e9:0.00} GB resident (peak {stats.PeakWorkingSet / 1e9:0.00} GB), managed heap {stats.HeapBytes / 1e9:0.00} GB after full GC ({stats.GcKind} GC, {stats.GcCommittedBytes / 1e9:0.00} GB committed); stored:");
        foreach (var (kind, table) in stats.Tables.Where(t => t.Value.Count > 0).OrderByDescending(t => t.Value.JsonBytes).Take(6))
        {
            Console.WriteLine($"    {kind,-28} {table.Count,9:N0} objects {table.JsonBytes / 1e6,9:N1} MB JSON ({(double)table.JsonBytes / table.Count:N0} B each)");
        }
    }
}
