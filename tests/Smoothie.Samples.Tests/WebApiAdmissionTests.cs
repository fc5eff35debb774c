using System.Net;
using System.Net.Http.Json;

namespace Smoothie.Samples.Tests;

/// <summary>Requests beyond the admission limit get HTTP 503 with Retry-After at once, and the server recovers.</summary>
[Collection(SamplesCollection.Name)]
public sealed class WebApiAdmissionTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-admission").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task ARequestBeyondTheLimitGets503WithRetryAfter()
    {
        string folder = Path.Combine(root, "pipeline");
        TinyPipelineFolder.Write(folder);
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string>
        {
            ["Smoothie__PipelinePath"] = folder,
            ["Smoothie__Device"] = "Cpu",
            ["Admission__MaxConcurrentRequests"] = "1",
            ["Admission__MaxQueuedRequests"] = "0",
            ["Admission__RetryAfterSeconds"] = "7",
        });
        await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
        using (HttpResponseMessage first = await server.Client.PostAsJsonAsync("/generate", new { text = "Jesus wept." }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // the pipeline is loaded and the one place is free again
        }

        // One request holds the only place (its body is not finished); the next one must be turned away at once.
        using var held = new HeldJsonContent("{\"text\": \"Jesus wept.\"}");
        Task<HttpResponseMessage> holding = server.Client.PostAsync(new Uri("/generate", UriKind.Relative), held);
        HttpResponseMessage? rejected = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (rejected is null && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            HttpResponseMessage probe = await server.Client.PostAsJsonAsync("/generate", new { text = "God is love." });
            if (probe.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                rejected = probe;
                break;
            }

            // Admitted before the held request reached the server: try again.
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            probe.Dispose();
            await Task.Delay(100);
        }

        held.Release();
        Assert.True(rejected is not null, $"no request was rejected while the only place was held:\n{server.Log}");
        using (rejected)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), rejected.Headers.RetryAfter?.Delta);
            Assert.Contains("retry after 7 s", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpResponseMessage heldResponse = await holding;
        Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        using HttpResponseMessage after = await server.Client.PostAsJsonAsync("/generate", new { text = "Rejoice evermore." });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
