using System.Text;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Kubernetes.Tests.Watch;

public sealed class WatchStreamReaderTests
{
    private static readonly ApiResource Pods = new("", "v1", "Pod", "pods", Namespaced: true);

    [Fact]
    public async Task ReadAsync_WithTheStreamCutAtEveryByte_DeliversTheSameEvents()
    {
        var bytes = Encoding.UTF8.GetBytes(LoopbackApiServer.Fixture("pods-watch.jsonl"));
        var whole = await ReadAll(new MemoryStream(bytes));

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var events = await ReadAll(new TwoPartStream(bytes, cut));
            Assert.Equal(whole, events);
        }

        Assert.Equal(["Added web-4 4830", "Modified web-2 4831", "Bookmark  4835", "Deleted db-0 4840"], whole);
    }

    [Fact]
    public async Task WatchAsync_OverHttpInThreeByteChunks_DeliversEveryEventInOrder()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("WATCH", "/api/v1/namespaces/default/pods", ctx => LoopbackApiServer.StreamAsync(ctx, "pods-watch.jsonl", chunk: 3));
        using var client = new KubernetesClient(server.Options());

        var events = new List<string>();
        await foreach (var e in client.Resource<GenericObject>(Pods, "default").WatchAsync(new ListOptions { ResourceVersion = "4821", TimeoutSeconds = 30 }))
        {
            events.Add($"{e.Type} {e.Object!.Metadata.Name} {e.ResourceVersion}");
        }

        Assert.Equal(["Added web-4 4830", "Modified web-2 4831", "Bookmark  4835", "Deleted db-0 4840"], events);
        Assert.Equal(
            "/api/v1/namespaces/default/pods?resourceVersion=4821&timeoutSeconds=30&watch=true&allowWatchBookmarks=true",
            server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task WatchAsync_WhenTheServerSendsAnErrorEventWith410_ThrowsGone()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.On("WATCH", "/api/v1/pods", ctx => LoopbackApiServer.StreamAsync(ctx, "watch-gone.jsonl"));
        using var client = new KubernetesClient(server.Options());

        var e = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var unused in client.Resource<GenericObject>(Pods).WatchAsync(new ListOptions { ResourceVersion = "4821" }))
            {
            }
        });

        Assert.True(e.IsGone);
        Assert.Contains("too old resource version", e.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadAll(Stream stream)
    {
        var events = new List<string>();
        await foreach (var e in WatchStreamReader.ReadAsync<GenericObject>(stream))
        {
            events.Add($"{e.Type} {e.Object!.Metadata.Name} {e.ResourceVersion}");
        }

        return events;
    }

    /// <summary>Delivers the bytes in two reads split at <c>cut</c>, as a network might.</summary>
    private sealed class TwoPartStream(byte[] bytes, int cut) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var limit = _position < cut ? cut : bytes.Length;
            var n = Math.Min(count, limit - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
