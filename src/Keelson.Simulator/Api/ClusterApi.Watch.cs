using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>watch: a stream of ADDED / MODIFIED / DELETED / BOOKMARK events, one JSON object per line.</summary>
public sealed partial class ClusterApi
{
    /// <summary>How often an idle watch that allows bookmarks gets one.</summary>
    internal static TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-watcher queue; a watcher further behind is closed and resumes from its last version.</summary>
    internal const int WatchQueueCapacity = 100_000;

    private async Task WatchAsync(HttpContext context, RequestTarget target)
    {
        var query = context.Request.Query;
        var filter = SelectorFilter.Build(target.Kind, query["labelSelector"], query["fieldSelector"]);
        var asTable = WantsTable(context);
        var bookmarks = Flag(query["allowWatchBookmarks"]);
        var sendInitial = Flag(query["sendInitialEvents"]);
        var timeout = Int(query["timeoutSeconds"], "timeoutSeconds") is int seconds and > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30 + Random.Shared.Next(30)); // kube-apiserver's default: 30-60 minutes
        long? from = query["resourceVersion"].ToString() switch
        {
            "" or "0" => null,
            var rv when long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            var rv => throw ApiException.BadRequest($"resourceVersion: \"{rv}\" is not a resource version this server issued"),
        };
        if (sendInitial && from is not null)
        {
            from = null; // sendInitialEvents replays current state regardless of the version asked for
        }

        // Headers go out at once: kubectl waits for them before it prints anything.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var writer = context.Response.BodyWriter;
        await writer.FlushAsync(context.RequestAborted);

        Watcher watcher;
        try
        {
            watcher = _cluster.Store.Table(target.Kind).Subscribe(from, WatchQueueCapacity);
        }
        catch (ResourceExpiredException e)
        {
            await WriteEventAsync(writer, "ERROR", JsonPaths.Serialize(ApiException.Status(410, "Expired", e.Message)), context.RequestAborted);
            return;
        }

        using (watcher)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            stop.CancelAfter(timeout);
            var initialEnd = sendInitial ? watcher.StartRevision : (long?)null;
            try
            {
                // kubectl get -w asks for Tables: each event carries a one-row Table, headers only in the first.
                var headers = true;
                Func<StoredObject, byte[]> encode = asTable
                    ? o =>
                    {
                        var table = Table(context, target.Kind, [o], noHeaders: !headers);
                        headers = false;
                        return table;
                    }
                : o => o.Json;
                await PumpAsync(target, watcher, filter, bookmarks, initialEnd, writer, _faults.NextWatchCut, encode, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: the watch simply ends.
            }
        }
    }

    private async Task PumpAsync(RequestTarget target, Watcher watcher, Func<StoredObject, bool>? filter, bool bookmarks, long? initialEnd, PipeWriter writer, Task cut, Func<StoredObject, byte[]> encode, CancellationToken stop)
    {
        var events = watcher.Events;
        var nextBookmark = _time.GetUtcNow() + BookmarkInterval;
        while (true)
        {
            while (events.TryRead(out var e))
            {
                if (initialEnd is long end && e.ResourceVersion > end)
                {
                    await WriteBookmarkAsync(writer, target, end, initialEventsEnd: true, stop);
                    initialEnd = null;
                }

                if (Translate(e, target, filter) is { } type)
                {
                    Write(writer, type, encode(e.Object));
                }
            }

            if (initialEnd is long last && !events.TryPeek(out _))
            {
                await WriteBookmarkAsync(writer, target, last, initialEventsEnd: true, stop);
                initialEnd = null;
            }

            await writer.FlushAsync(stop);
            if (bookmarks && _time.GetUtcNow() >= nextBookmark && watcher.BookmarkRevision() is long revision)
            {
                await WriteBookmarkAsync(writer, target, revision, initialEventsEnd: false, stop);
                nextBookmark = _time.GetUtcNow() + BookmarkInterval;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            wait.CancelAfter(BookmarkInterval);
            var ready = events.WaitToReadAsync(wait.Token).AsTask();
            if (await Task.WhenAny(ready, cut) == cut)
            {
                return; // a watchCut fault: the stream ends and the client resumes
            }

            try
            {
                if (!await ready)
                {
                    return; // closed by the store (the watcher fell behind) or disposed
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Idle: loop to send a bookmark.
            }
        }
    }

    /// <summary>
    /// What a watcher with a selector sees of a write: an object entering the selection is
    /// ADDED, one leaving it DELETED, as the watch cache of kube-apiserver does.
    /// </summary>
    private static string? Translate(StoreEvent e, RequestTarget target, Func<StoredObject, bool>? filter)
    {
        bool Selected(StoredObject? o) =>
            o is not null && (target.Namespace is null || o.Key.Namespace == target.Namespace) && (filter is null || filter(o));

        var now = Selected(e.Object);
        return e.Type switch
        {
            StoreEventType.Added => now ? "ADDED" : null,
            StoreEventType.Deleted => Selected(e.Previous) ? "DELETED" : null,
            _ => (Selected(e.Previous), now) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };
    }

    private static void Write(PipeWriter writer, string type, byte[] json)
    {
        writer.Write(Encoding.ASCII.GetBytes($"{{\"type\":\"{type}\",\"object\":"));
        writer.Write(json);
        writer.Write("}\n"u8);
    }

    private static async Task WriteEventAsync(PipeWriter writer, string type, byte[] json, CancellationToken cancellationToken)
    {
        Write(writer, type, json);
        await writer.FlushAsync(cancellationToken);
    }

    private static Task WriteBookmarkAsync(PipeWriter writer, RequestTarget target, long revision, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
        var json = Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{target.Kind.Resource.Kind}\",\"apiVersion\":\"{target.Kind.Resource.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision.ToString(CultureInfo.InvariantCulture)}\",\"creationTimestamp\":null{annotations}}}}}");
        return WriteEventAsync(writer, "BOOKMARK", json, cancellationToken);
    }
}
