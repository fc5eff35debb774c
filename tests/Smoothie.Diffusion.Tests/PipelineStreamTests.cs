using System.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary><see cref="SmoothiePipeline.GenerateAsync"/>: leaving the loop early, or cancelling, ends the producer thread.</summary>
[Collection("torch-serial")]
public sealed class PipelineStreamTests
{
    /// <summary>Far more steps than the test waits for: only a producer that stops between steps ends in time.</summary>
    private static readonly GenerationOptions Endless = new() { Steps = 1_000_000 };

    [Fact]
    public async Task LeavingTheAwaitForeachEarlyEndsTheProducer()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        int seen = 0;
        var clock = Stopwatch.StartNew();
        await foreach (GenerationUpdate update in pipeline.GenerateAsync("Jesus wept.", Endless, every: 1))
        {
            Assert.Equal(1, update.Step);
            seen++;
            break;
        }

        // Leaving the loop disposed the enumerator, which waited for the producer: no thread is left blocked on the
        // full channel, and nothing runs on.
        Assert.Equal(1, seen);
        Assert.Equal(0, pipeline.ActiveStreams);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"leaving the loop took {clock.Elapsed.TotalSeconds:0} s");

        // The pipeline serves the next call as usual.
        Assert.Single(pipeline.Generate(["God is love."], new GenerationOptions { Steps = 2 }));
    }

    [Fact]
    public async Task CancellingAStreamEndsItsProducerBetweenSteps()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (GenerationUpdate update in pipeline.GenerateAsync("Jesus wept.", Endless, every: 1, cancellation.Token))
            {
                if (update.Step == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(0, pipeline.ActiveStreams);
    }

    [Fact]
    public async Task AStreamThatIsNeverReadOnDoesNotKeepItsProducer()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        IAsyncEnumerator<GenerationUpdate> updates = pipeline.GenerateAsync("Jesus wept.", Endless, every: 1).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());

        // The producer fills the channel and waits for the reader (it does not run on without one)...
        Assert.Equal(1, pipeline.ActiveStreams);
        await updates.DisposeAsync();

        // ...and disposing the enumerator ends it.
        Assert.Equal(0, pipeline.ActiveStreams);
    }
}
