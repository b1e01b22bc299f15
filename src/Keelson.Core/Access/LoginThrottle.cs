using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>
/// Counts failed password checks per user name and per client address and says how long to wait
/// once a limit is reached (see <see cref="LoginThrottleOptions"/>). State lives in the database, so
/// every replica enforces the same limits and restarts forget nothing.
/// </summary>
internal sealed class LoginThrottle(IOptions<AccessOptions> options, TimeProvider time)
{
    private LoginThrottleOptions Options => options.Value.Throttle;

    /// <summary>The refusal in force for this user name or address, or null when an attempt may go ahead.</summary>
    public async Task<(TimeSpan Wait, string Reason)?> CheckAsync(DbConnection connection, DbTransaction? transaction, string userName, string? sourceIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var byUser = Wait(await FailuresAsync(connection, transaction, "user_name", userName, now, cancellationToken), Options.MaxFailuresPerUser, now);
        var byAddress = sourceIp is null
            ? null
            : Wait(await FailuresAsync(connection, transaction, "source_ip", sourceIp, now, cancellationToken), Options.MaxFailuresPerAddress, now);
        if (byUser is null && byAddress is null)
        {
            return null;
        }

        return byUser >= (byAddress ?? TimeSpan.Zero)
            ? (byUser.Value, $"too many failed sign-ins for user \"{userName}\"")
            : (byAddress!.Value, $"too many failed sign-ins from {sourceIp}");
    }

    public async Task RecordFailureAsync(DbConnection connection, DbTransaction transaction, string userName, string? sourceIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Old failures no longer count; dropping them here keeps the table at one window's worth.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM login_failures WHERE failed_at < @cutoff",
            new { cutoff = now - (long)Options.Window.TotalMilliseconds }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO login_failures (user_name, source_ip, failed_at) VALUES (@userName, @sourceIp, @now)",
            new { userName, sourceIp, now }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets a user name's failures after a successful sign-in (the address keeps its count).</summary>
    public static Task ClearAsync(DbConnection connection, DbTransaction transaction, string userName, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM login_failures WHERE user_name = @userName", new { userName }, transaction, cancellationToken: cancellationToken));

    private async Task<List<long>> FailuresAsync(DbConnection connection, DbTransaction? transaction, string column, string value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.ToUnixTimeMilliseconds() - (long)Options.Window.TotalMilliseconds;
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT failed_at FROM login_failures WHERE {column} = @value AND failed_at >= @since ORDER BY failed_at DESC",
            new { value, since }, transaction, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private TimeSpan? Wait(List<long> failures, int limit, DateTimeOffset now)
    {
        if (failures.Count < limit)
        {
            return null;
        }

        // The first lockout at the limit, doubling with each failure beyond it.
        var doublings = Math.Min(failures.Count - limit, 30);
        var lockout = TimeSpan.FromTicks(Math.Min(Options.MaxLockout.Ticks, Options.BaseLockout.Ticks * (1L << doublings)));
        var until = DateTimeOffset.FromUnixTimeMilliseconds(failures[0]) + lockout;
        return until > now ? until - now : null;
    }
}
