using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Smoothie.Samples.Tests;

/// <summary>
/// A JSON request body sent in two parts: the first bytes at once (so the server has the request and admits it), the rest
/// only after <see cref="Release"/> — the request holds its place at the server until then.
/// </summary>
internal sealed class HeldJsonContent : HttpContent
{
    private readonly string json;
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldJsonContent(string json)
    {
        this.json = json;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    public void Release() => release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        await stream.WriteAsync(bytes.AsMemory(0, 1));
        await stream.FlushAsync();
        await release.Task;
        await stream.WriteAsync(bytes.AsMemory(1));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
