using System.Net;
using System.Text.Json;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Runtime.Files;
using TorchSharp;

namespace Smoothie.Samples.Tests;

/// <summary><c>GET /health</c> of the WebApi sample when the pipeline cannot be loaded: 503 with the reason.</summary>
[Collection(SamplesCollection.Name)]
public sealed class WebApiHealthTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-health").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task AFolderWhoseWeightsDoNotLoadMakesHealthAnswer503WithTheReason()
    {
        // A complete folder (it passes the start-up checks) whose weights hold a NaN: the warm-up's load fails.
        string folder = Path.Combine(root, "pipeline");
        TinyPipelineFolder.Write(folder);
        string weights = Path.Combine(folder, PipelineFolder.WeightsFile);
        Dictionary<string, torch.Tensor> tensors = SafeTensorsFile.Read(weights);
        try
        {
            tensors["time_emb.0.weight"][0, 0] = float.NaN;
            SafeTensorsFile.Write(weights, tensors);
        }
        finally
        {
            foreach (torch.Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }

        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string> { ["Smoothie__PipelinePath"] = folder, ["Smoothie__Device"] = "Cpu" });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Assert.False(server.HasExited, $"the server exited:\n{server.Log}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"/health never reported the failed load:\n{server.Log}");
            string? body = await HealthBodyAsync(server, HttpStatusCode.ServiceUnavailable);
            if (body is not null && body.Contains("\"Failed\"", StringComparison.Ordinal))
            {
                using JsonDocument json = JsonDocument.Parse(body);
                JsonElement smoothie = json.RootElement.GetProperty("checks").GetProperty("smoothie");
                Assert.Equal("Unhealthy", smoothie.GetProperty("status").GetString());
                string description = smoothie.GetProperty("description").GetString()!;
                Assert.StartsWith("Loading the Smoothie pipeline failed: The checkpoint '", description, StringComparison.Ordinal);
                Assert.Contains("holds non-finite weights", description, StringComparison.Ordinal);
                break;
            }

            await Task.Delay(250);
        }

        Assert.Contains("The Smoothie pipeline could not be loaded", server.Log, StringComparison.Ordinal);
    }

    /// <summary>The body of <c>GET /health</c> when it answers with <paramref name="status"/>; null when not listening yet or another status.</summary>
    private static async Task<string?> HealthBodyAsync(WebApiProcess server, HttpStatusCode status)
    {
        try
        {
            using HttpResponseMessage response = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode == status ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
