using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Samples.Tests;

/// <summary>
/// The web sample answers a text with the same output alone and among concurrent requests that share its model calls
/// (every input samples from its own noise stream, issue 29).
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class WebApiReproducibilityTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-reproducible").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task ATextGetsTheSameOutputAloneAndAmongEightConcurrentRequests()
    {
        // The untrained simplex pipeline writes long texts that change with the noise (the distance one writes empty texts).
        string folder = Path.Combine(root, "pipeline");
        IReadOnlyList<Seq2SeqPair> pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(24).ToList();
        using (SmoothiePipeline pipeline = TinyPipelines.Builder(LatentSpaceKind.Simplex, pairs.Select(p => p.Target), steps: 3, seed: 5).Build())
        {
            pipeline.Save(folder);
        }

        string[] texts = pairs.Take(8).Select(p => p.Source).ToArray();
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string>
        {
            ["Smoothie__PipelinePath"] = folder,
            ["Smoothie__Device"] = "Cpu",
            ["Smoothie__BatchWindow"] = "00:00:00.300",
            ["Admission__MaxConcurrentRequests"] = "16",
        });
        await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));

        var alone = new List<string>();
        foreach (string text in texts)
        {
            alone.Add(await OutputAsync(server, text));
        }

        Assert.True(alone.Distinct().Count() > 1, string.Join(" | ", alone));
        string[] together = await Task.WhenAll(texts.Reverse().Select(text => Task.Run(() => OutputAsync(server, text))));
        Assert.Equal(alone, together.Reverse());
    }

    private static async Task<string> OutputAsync(WebApiProcess server, string text)
    {
        using HttpResponseMessage response = await server.Client.PostAsJsonAsync("/generate", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("output").GetString()!;
    }
}
