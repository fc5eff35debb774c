using Microsoft.Extensions.DependencyInjection;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// The DI generator under load: a bounded queue that turns requests away naming the limit, cancellation that reaches a
/// running model call, disposal that does not wait for a whole call, streams beside the batches, a dedicated worker thread.
/// </summary>
[Collection("torch-serial")]
public sealed class GeneratorServingTests
{
    /// <summary>Far more steps than a test waits for: only a call stopped between steps ends in time.</summary>
    private const int EndlessSteps = 1_000_000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static ServiceProvider Provider(Action<SmoothieOptions> configure, Func<IServiceProvider, SmoothiePipeline>? factory = null)
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o =>
        {
            o.BatchWindow = TimeSpan.Zero;
            configure(o);
        }).UsePipeline(factory ?? (_ => TinyPipelines.Builder().Build()));
        return services.BuildServiceProvider();
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task ARequestBeyondTheQueueLimitIsTurnedAwayAtOnceNamingTheLimit()
    {
        using var gated = new GatedPipeline();
        await using ServiceProvider provider = Provider(o => { o.Steps = 2; o.MaxBatchSize = 1; o.MaxQueueLength = 2; }, gated.Create);
        var generator = provider.GetRequiredService<BatchingSmoothieGenerator>();

        // The first request is taken into a model call that waits for the pipeline; two more fill the queue.
        Task<string> first = generator.GenerateAsync("Jesus wept.");
        Assert.True(gated.Started.Wait(Patience), "the worker did not start loading the pipeline");
        await UntilAsync(() => generator.QueueLength == 0, "the worker took the first request");
        Task<string> second = generator.GenerateAsync("God is love.");
        using var giveUp = new CancellationTokenSource();
        Task<string> third = generator.GenerateAsync("Pray without ceasing.", giveUp.Token);
        Assert.Equal(2, generator.QueueLength);

        var e = await Assert.ThrowsAsync<SmoothieQueueFullException>(() => generator.GenerateAsync("Rejoice evermore."));
        Assert.Equal(2, e.MaxQueueLength);
        Assert.Contains("2 requests are waiting (Smoothie:MaxQueueLength = 2)", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SmoothieQueueFullException>(async () =>
        {
            await foreach (GenerationUpdate update in generator.StreamAsync("Rejoice evermore."))
            {
                Assert.Fail($"a stream beyond the limit was served: {update.Text}");
            }
        });

        // A caller that gives up while waiting gives its place back at once.
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        Assert.Equal(1, generator.QueueLength);
        Task<string> fourth = generator.GenerateAsync("Rejoice evermore.");

        gated.Release();
        Assert.All(await Task.WhenAll(first, second, fourth).WaitAsync(Patience), o => Assert.DoesNotContain("[PAD]", o, StringComparison.Ordinal));
        Assert.Equal(0, generator.QueueLength);
    }

    [Fact]
    public async Task CancellingEveryRequestOfARunningModelCallStopsItBetweenSteps()
    {
        await using ServiceProvider provider = Provider(o => o.Steps = EndlessSteps);
        var generator = provider.GetRequiredService<BatchingSmoothieGenerator>();
        using var cancellation = new CancellationTokenSource();
        Task<string> request = generator.GenerateAsync("Jesus wept.", cancellation.Token);
        await UntilAsync(() => generator.QueueLength == 0, "the worker took the request");

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await UntilAsync(() => generator.StoppedBatchCount == 1, "the model call stopped");
        Assert.Equal(0, generator.BatchCount);
    }

    [Fact]
    public async Task DisposingStopsARunningModelCallWithoutWaitingForIt()
    {
        ServiceProvider provider = Provider(o => o.Steps = EndlessSteps);
        var generator = provider.GetRequiredService<BatchingSmoothieGenerator>();
        Task<string> request = generator.GenerateAsync("Jesus wept.");
        await UntilAsync(() => generator.QueueLength == 0 && generator.PipelineState == SmoothiePipelineState.Ready, "the model call started");

        await provider.DisposeAsync().AsTask().WaitAsync(Patience);
        var e = await Assert.ThrowsAsync<ObjectDisposedException>(() => request);
        Assert.Contains("disposed before this request was served", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync("God is love."));
    }

    [Fact]
    public async Task AStreamDoesNotHoldUpBatchedRequests()
    {
        await using ServiceProvider provider = Provider(o => { o.Steps = 4; o.MaxConcurrentStreams = 1; });
        var generator = provider.GetRequiredService<BatchingSmoothieGenerator>();
        await using IAsyncEnumerator<GenerationUpdate> stream = generator.StreamAsync("Jesus wept.", every: 1).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(1, stream.Current.Step);

        // The stream is open (its reader has not gone on): a batched request is served all the same.
        string output = await generator.GenerateAsync("God is love.").WaitAsync(Patience);
        Assert.DoesNotContain("[PAD]", output, StringComparison.Ordinal);

        // A second stream waits (in the queue) for the only stream place, and runs when the first ends.
        await using IAsyncEnumerator<GenerationUpdate> waiting = generator.StreamAsync("Pray without ceasing.", every: 4).GetAsyncEnumerator();
        ValueTask<bool> next = waiting.MoveNextAsync();
        await UntilAsync(() => generator.QueueLength == 1, "the second stream waits in the queue");
        Assert.False(next.IsCompleted);
        while (await stream.MoveNextAsync())
        {
        }

        Assert.True(await next.AsTask().WaitAsync(Patience));
        Assert.Equal(4, waiting.Current.Step);
        Assert.Equal(0, generator.QueueLength);
    }

    [Fact]
    public async Task TheWorkerRunsOnADedicatedThread()
    {
        Thread? loadedOn = null;
        await using ServiceProvider provider = Provider(o => o.Steps = 2, _ =>
        {
            loadedOn = Thread.CurrentThread;
            return TinyPipelines.Builder().Build();
        });
        await provider.GetRequiredService<ISmoothieGenerator>().GenerateAsync("Jesus wept.");

        // Without a host no warm-up ran: the worker loaded the pipeline for its first model call.
        Assert.NotNull(loadedOn);
        Assert.False(loadedOn.IsThreadPoolThread);
        Assert.Equal("Smoothie generator (default)", loadedOn.Name);
    }
}
