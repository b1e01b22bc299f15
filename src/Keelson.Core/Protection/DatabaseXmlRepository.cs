using System.Xml.Linq;
using Dapper;
using Keelson.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Keelson.Core.Protection;

/// <summary>
/// Keeps the Data Protection key ring in the <c>data_protection_keys</c> table, so every replica
/// shares it. Synchronous because <see cref="IXmlRepository"/> is; it is read at start and when the
/// key ring is refreshed, not per request.
/// </summary>
internal sealed class DatabaseXmlRepository(KeelsonDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
