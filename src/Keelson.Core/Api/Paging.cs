using System.Globalization;
using System.Text;

namespace Keelson.Core.Api;

/// <summary>Pagination of the API's lists: <c>?limit=N&amp;continue=TOKEN</c>.</summary>
public static class Paging
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// A page of an ordered in-memory list. The token is the position to continue from; lists
    /// that change between pages may skip or repeat an item, as a re-read would.
    /// </summary>
    /// <exception cref="Microsoft.AspNetCore.Http.BadHttpRequestException">A limit out of range or a token this server did not issue.</exception>
    public static Page<T> Of<T>(IReadOnlyList<T> all, int? limit, string? token)
    {
        ArgumentNullException.ThrowIfNull(all);
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            throw new Microsoft.AspNetCore.Http.BadHttpRequestException($"limit must be between 1 and {MaxLimit}, not {size}");
        }

        var start = 0;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                start = int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(token)), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("continue: not a token this server issued; start the list again without it");
            }
        }

        var items = all.Skip(start).Take(size).ToList();
        var next = start + items.Count < all.Count ? Convert.ToBase64String(Encoding.ASCII.GetBytes((start + items.Count).ToString(CultureInfo.InvariantCulture))) : null;
        return new Page<T>(items, next);
    }
}
