using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Smoothie.Samples.Tests;

/// <summary>The ASP.NET sample as a real process on 127.0.0.1, serving a pipeline folder given through configuration.</summary>
[Collection(SamplesCollection.Name)]
public sealed class WebApiProcessTests(WebApiServerFixture fixture) : IClassFixture<WebApiServerFixture>
{
    private const string Verse = "Jesus wept.";

    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task GenerateAnswersWithGeneratedText()
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/generate", new { text = Verse });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}\n{fixture.Server.Log}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement output = json.RootElement.GetProperty("output");
        Assert.Equal(JsonValueKind.String, output.ValueKind);
        Assert.DoesNotContain("[PAD]", output.GetString(), StringComparison.Ordinal);
        Assert.Equal(0, json.RootElement.GetProperty("unknownTokenShare").GetDouble());

        // The server loaded the folder of the fixture (not the demo pipeline).
        Assert.Contains(fixture.PipelineFolder, fixture.Server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("UNTRAINED demo pipeline", fixture.Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EightConcurrentRequestsAllSucceed()
    {
        string[] verses =
        [
            "Jesus wept.", "In the beginning God created the heaven and the earth.", "Rejoice evermore.", "Pray without ceasing.",
            "God is love.", "Thou shalt not kill.", "Thou shalt not steal.", "And there was light.",
        ];
        HttpResponseMessage[] responses = await Task.WhenAll(verses.Select(v => Client.PostAsJsonAsync("/generate", new { text = v })));
        try
        {
            foreach (HttpResponseMessage response in responses)
            {
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
                using JsonDocument json = JsonDocument.Parse(body);
                Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("output").ValueKind);
            }
        }
        finally
        {
            foreach (HttpResponseMessage response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task StreamingSendsEveryStepAndEndsWithTheSameTextAsGenerate()
    {
        using HttpResponseMessage single = await Client.PostAsJsonAsync("/generate", new { text = Verse });
        string expected = (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/generate/stream?every=1") { Content = JsonContent.Create(new { text = Verse }) };
        using HttpResponseMessage response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var updates = new List<JsonElement>();
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    updates.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                }
            }
        }

        Assert.Equal([1, 2, 3, 4], updates.Select(u => u.GetProperty("step").GetInt32()));
        Assert.All(updates, u => Assert.Equal(4, u.GetProperty("totalSteps").GetInt32()));
        double[] times = updates.Select(u => u.GetProperty("time").GetDouble()).ToArray();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First > p.Second), $"diffusion time must decrease: {string.Join(", ", times)}");
        Assert.Equal(expected, updates[^1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task TheAnswerCarriesTheShareOfUnknownTokens()
    {
        // "jesus wept . [UNK] [UNK]": MiniLM's vocabulary has no token for 你 or 好.
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/generate", new { text = "Jesus wept. 你好" });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(0.4, json.RootElement.GetProperty("unknownTokenShare").GetDouble(), precision: 10);
        Assert.InRange(json.RootElement.GetProperty("outsideVocabularyShare").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task HealthIsReadyOnceThePipelineIsLoaded()
    {
        // The fixture waited for a 200 from /health: the generator loaded the pipeline when the server started.
        using HttpResponseMessage response = await Client.GetAsync(new Uri("/health", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        JsonElement smoothie = json.RootElement.GetProperty("checks").GetProperty("smoothie");
        Assert.Equal("Healthy", smoothie.GetProperty("status").GetString());
        Assert.StartsWith("The Smoothie pipeline is loaded", smoothie.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ready", smoothie.GetProperty("data").GetProperty("state").GetString());
        Assert.Contains("Smoothie pipeline ready in", fixture.Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTextIsABadRequestNamingTheField()
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/generate", new { text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"text\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
