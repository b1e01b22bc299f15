using Microsoft.Extensions.Logging;

namespace Keelson.Core.Fleet;

/// <summary>The fleet view's log messages.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Fleet view of cluster {Cluster} started ({Server})")]
    public static partial void Started(ILogger logger, string cluster, Uri server);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Fleet view of cluster {Cluster} is being rebuilt with its new credentials")]
    public static partial void Rebuilding(ILogger logger, string cluster);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Fleet view of cluster {Cluster} stopped: the cluster was removed")]
    public static partial void Stopped(ILogger logger, string cluster);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Fleet view of cluster {Cluster} cannot start: {Problem}")]
    public static partial void CredentialsInvalid(ILogger logger, string cluster, string problem);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Fleet view of cluster {Cluster} cannot start; retrying at the next interval")]
    public static partial void ConnectFailed(ILogger logger, string cluster, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Fleet view could not read the cluster registry; retrying at the next interval")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);
}
