using System.Globalization;
using Keelson.Simulator.Metrics;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// What a simulated container writes to its log: start-up lines, a line every log interval
/// (requests served, or batches processed for a job), and on exit its last words (an error and
/// a Go stack trace on a crash, a shutdown on SIGTERM). Line <c>i</c> of a run is a pure function
/// of the run, so the log is computed when read; only the last <see cref="Capacity"/> lines are
/// kept, as the kubelet's rotated log files keep only the newest.
/// </summary>
internal static class LogScript
{
    /// <summary>Lines kept per run; older ones are gone, as in a ring buffer.</summary>
    public const int Capacity = 5000;

    private const int StartLines = 3;

    private static readonly string[] Paths = ["/api/v1/items", "/api/v1/orders", "/api/v1/users/me", "/healthz", "/api/v1/search", "/metrics"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT"];

    /// <summary>How many lines the run has written by <paramref name="now"/>.</summary>
    public static int Count(LogInstance run, DateTimeOffset now, TimeSpan interval)
    {
        var count = StartLines + Periodic(run, now, interval);
        if (run.StoppingAt is { } stopping && stopping <= now)
        {
            count++;
        }

        if (run.FinishedAt is { } finished && finished <= now)
        {
            count += EndingLines(run.Ending);
        }

        return count;
    }

    /// <summary>When the next periodic line is due after <paramref name="now"/>, or null when the run writes no more of them.</summary>
    public static DateTimeOffset? NextLineAt(LogInstance run, DateTimeOffset now, TimeSpan interval)
    {
        if (run.FinishedAt is not null || run.StoppingAt is not null || interval <= TimeSpan.Zero)
        {
            return null;
        }

        var next = run.StartedAt + (interval * (Periodic(run, now, interval) + 1));
        return run.PlannedEnd is { } end && next >= end ? null : next;
    }

    /// <summary>
    /// The lines a reader gets at <paramref name="now"/>: those still kept, from <paramref name="since"/>
    /// on, the last <paramref name="tail"/> of them, starting no earlier than index <paramref name="from"/>.
    /// </summary>
    public static IEnumerable<(int Index, LogLine Line)> Read(LogInstance run, DateTimeOffset now, TimeSpan interval, DateTimeOffset? since = null, int? tail = null, int from = 0)
    {
        var count = Count(run, now, interval);
        var first = Math.Max(from, count - Capacity);
        if (tail is { } n)
        {
            first = Math.Max(first, count - n);
        }

        for (var i = first; i < count; i++)
        {
            var line = Line(run, i, interval);
            if (since is { } s && line.Time < s)
            {
                continue;
            }

            yield return (i, line);
        }
    }

    /// <summary>Line <paramref name="index"/> of the run.</summary>
    public static LogLine Line(LogInstance run, int index, TimeSpan interval)
    {
        if (index < StartLines)
        {
            return new LogLine(run.StartedAt.AddMilliseconds(index), StartLine(run, index));
        }

        var periodic = Periodic(run, run.FinishedAt ?? run.StoppingAt ?? DateTimeOffset.MaxValue, interval);
        var k = index - StartLines + 1;
        if (run.StoppingAt is null && run.FinishedAt is null)
        {
            periodic = int.MaxValue;
        }

        if (k <= periodic)
        {
            return new LogLine(run.StartedAt + (interval * k), PeriodicLine(run, k));
        }

        var rest = k - periodic - 1;
        if (run.StoppingAt is { } stopping)
        {
            if (rest == 0)
            {
                return new LogLine(stopping, "level=info msg=\"received signal, shutting down\" signal=terminated");
            }

            rest--;
        }

        return new LogLine(run.FinishedAt!.Value, EndingLine(run, rest));
    }

    /// <summary>Periodic lines written by <paramref name="until"/> (before a stop, if the run stopped).</summary>
    private static int Periodic(LogInstance run, DateTimeOffset until, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            return 0;
        }

        var end = until;
        if (run.StoppingAt is { } stopping && stopping < end)
        {
            end = stopping - TimeSpan.FromTicks(1);
        }

        if (run.FinishedAt is { } finished && finished <= end)
        {
            end = finished - TimeSpan.FromTicks(1);
        }

        // The kubelet may notice a planned exit a little late; lines past it never existed.
        if (run.PlannedEnd is { } planned && planned <= end)
        {
            end = planned - TimeSpan.FromTicks(1);
        }

        var elapsed = end - run.StartedAt;
        return elapsed < interval ? 0 : (int)Math.Min(int.MaxValue / 2, elapsed.Ticks / interval.Ticks);
    }

    private static string App(LogInstance run)
    {
        var name = run.Image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? name[(slash + 1)..colon] : name[(slash + 1)..];
    }

    private static string Version(LogInstance run)
    {
        var name = run.Image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : "latest";
    }

    private static string StartLine(LogInstance run, int index) => index switch
    {
        0 => $"level=info msg=\"starting {App(run)}\" version={Version(run)} pod={run.Namespace}/{run.Pod} container={run.Container}",
        1 => $"level=info msg=\"configuration loaded\" source=/etc/{App(run)}/config.yaml",
        _ => run.Job
            ? $"level=info msg=\"work queue opened\" items={Items(run)}"
            : $"level=info msg=\"listening\" addr=0.0.0.0:{run.Port.ToString(CultureInfo.InvariantCulture)}",
    };

    private static string PeriodicLine(LogInstance run, int k)
    {
        var hash = StableHash.Of(run.Restart, run.PodUid + "/" + run.Container, k);
        if (run.Job)
        {
            return $"level=info msg=\"processed batch\" batch={k.ToString(CultureInfo.InvariantCulture)} items={(50 + (hash % 200)).ToString(CultureInfo.InvariantCulture)}";
        }

        var roll = hash % 100;
        var (level, status) = roll switch
        {
            < 2 => ("error", 500),
            < 5 => ("warn", 404),
            _ => ("info", 200),
        };
        var path = Paths[(int)((hash >> 8) % (ulong)Paths.Length)];
        var method = Methods[(int)((hash >> 16) % (ulong)Methods.Length)];
        var duration = 1 + ((hash >> 24) % 250);
        return string.Create(CultureInfo.InvariantCulture, $"level={level} msg=\"request completed\" method={method} path={path} status={status} duration_ms={duration}");
    }

    private static int EndingLines(LogEnding ending) => ending switch
    {
        LogEnding.Crash => 8,
        LogEnding.Completed or LogEnding.Terminated => 1,
        _ => 0,
    };

    private static string EndingLine(LogInstance run, int index) => run.Ending switch
    {
        LogEnding.Completed => $"level=info msg=\"work complete\" items={Items(run)}",
        LogEnding.Terminated => "level=info msg=\"shutdown complete\"",
        _ => index switch
        {
            0 => "level=error msg=\"cannot reach database\" err=\"dial tcp 10.96.0.42:5432: connect: connection refused\"",
            1 => "panic: cannot reach database: dial tcp 10.96.0.42:5432: connect: connection refused",
            2 => "",
            3 => "goroutine 1 [running]:",
            4 => "main.mustConnect(...)",
            5 => $"\t/src/{App(run)}/db.go:42 +0x1f4",
            6 => "main.main()",
            _ => $"\t/src/{App(run)}/main.go:27 +0x8c",
        },
    };

    private static string Items(LogInstance run) =>
        (100 + (StableHash.Of(run.Restart, run.PodUid + "/" + run.Container) % 900)).ToString(CultureInfo.InvariantCulture);
}
