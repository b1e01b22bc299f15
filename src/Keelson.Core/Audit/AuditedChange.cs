using System.Data.Common;
using Keelson.Storage;

namespace Keelson.Core.Audit;

/// <summary>
/// Runs a change and its audit record in one transaction; when the change is refused (an
/// <see cref="IRefusedChange"/>: not found, conflict, invalid) records the failure instead, so
/// every attempted change leaves a trace.
/// </summary>
internal sealed class AuditedChange(KeelsonDatabase database, AuditLog audit)
{
    public async Task<T> RunAsync<T>(AuditEntry entry, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                var result = await work(connection, transaction);
                await audit.AppendAsync(entry, connection, transaction, cancellationToken);
                return result;
            }, cancellationToken);
        }
        catch (Exception e) when (e is IRefusedChange)
        {
            var details = entry.Details?.DeepClone().AsObject() ?? [];
            details["error"] = e.Message;
            await audit.AppendAsync(entry with { Outcome = AuditOutcome.Failed, Details = details }, cancellationToken);
            throw;
        }
    }

    public Task RunAsync(AuditEntry entry, Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        RunAsync<bool>(entry, async (connection, transaction) =>
        {
            await work(connection, transaction);
            return true;
        }, cancellationToken);
}
