using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>get and list.</summary>
public sealed partial class ClusterApi
{
    private static readonly byte[] Comma = ","u8.ToArray();

    private async Task GetAsync(HttpContext context, RequestTarget target)
    {
        if (Metrics(target) is { } metrics)
        {
            await WriteJsonAsync(context, 200, metrics.Get(target.Kind, target.Namespace, target.Name!));
            return;
        }

        var table = _cluster.Store.Table(target.Kind);
        var stored = table.Get(new(target.Namespace ?? "", target.Name!)) ?? throw ApiException.NotFound(target.Kind, target.Name!);
        switch (target.Subresource)
        {
            case null or "status":
                await WriteJsonAsync(context, 200, WantsTable(context) ? Table(context, target.Kind, [stored]) : stored.Json);
                break;
            default:
                await SubresourceGetAsync(context, target, stored);
                break;
        }
    }

    /// <summary>The metrics.k8s.io kinds are computed from the kubelets' running containers, not stored.</summary>
    private Metrics.MetricsProvider? Metrics(RequestTarget target) =>
        target.Kind.Resource.Group == "metrics.k8s.io" && _cluster.Runtime is { Kubelets: { } kubelets } runtime
            ? new Metrics.MetricsProvider(runtime.Context, kubelets)
            : null;

    private async Task ListAsync(HttpContext context, RequestTarget target)
    {
        var query = context.Request.Query;
        if (Metrics(target) is { } metrics)
        {
            await WriteJsonAsync(context, 200, metrics.List(target.Kind, target.Namespace, SelectorFilter.Build(target.Kind, query["labelSelector"], query["fieldSelector"])));
            return;
        }

        var limit = Int(query["limit"], "limit") ?? 0;
        var filter = SelectorFilter.Build(target.Kind, query["labelSelector"], query["fieldSelector"]);
        var table = _cluster.Store.Table(target.Kind);
        long? snapshot = null;
        Kubernetes.Informers.ObjectKey? after = null;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            var (revision, last) = ContinueToken.Decode(token);
            if (revision < table.HistoryFloor)
            {
                throw new ApiException(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }

            snapshot = revision;
            after = last;
        }

        var page = table.List(target.Namespace, filter, limit, after);
        var revisionText = (snapshot ?? page.Revision).ToString(CultureInfo.InvariantCulture);
        var next = page.HasMore ? ContinueToken.Encode(snapshot ?? page.Revision, page.Items[^1].Key) : null;
        if (WantsTable(context))
        {
            await WriteJsonAsync(context, 200, Table(context, target.Kind, page.Items, revisionText, next));
            return;
        }

        // Streamed: an unpaged list of a large cluster is hundreds of megabytes.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        var kind = target.Kind.Resource;
        body.Write(Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{target.Kind.ListKind}\",\"apiVersion\":\"{kind.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revisionText}\"" +
            (next is null ? "" : $",\"continue\":\"{next}\"") + "},\"items\":["));
        var unflushed = 0;
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0)
            {
                body.Write(Comma);
            }

            body.Write(page.Items[i].Json);
            unflushed += page.Items[i].Json.Length;
            if (unflushed > 256 * 1024)
            {
                await body.FlushAsync(context.RequestAborted);
                unflushed = 0;
            }
        }

        body.Write("]}"u8);
        await body.FlushAsync(context.RequestAborted);
    }
}
