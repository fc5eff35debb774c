using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Diagnostics;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// The generator's meter (created through the container's <see cref="IMeterFactory"/>, read with a <see cref="MeterListener"/>)
/// and the activities of generate, stream and train (read with an <see cref="ActivityListener"/>).
/// </summary>
[Collection("torch-serial")]
public sealed class TelemetryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-telemetry").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task TheMeterCountsRequestsQueueBatchesLatencyTokensAndNativeMemory()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSmoothie(o =>
        {
            // The shipped (trained) model, so the outputs have tokens to count.
            o.PipelinePath = ShippedModelTests.Folder;
            o.Device = Configuration.DeviceKind.Cpu;
            o.Steps = 2;
            o.MaxBatchSize = 4;
            o.BatchWindow = TimeSpan.FromMilliseconds(300);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        using var measurements = new SmoothieMeasurements(provider.GetRequiredService<IMeterFactory>());
        var generator = provider.GetRequiredService<ISmoothieGenerator>();

        string[] sources = TinyPipelines.Pairs.Take(4).Select(p => p.Source).ToArray();
        await Task.WhenAll(sources.Select(s => generator.GenerateAsync(s)));
        await foreach (GenerationUpdate update in generator.StreamAsync(sources[0], every: 1))
        {
            Assert.NotNull(update.Text);
        }

        IReadOnlyList<Dictionary<string, object?>> requests = measurements.Tags(SmoothieInstruments.Requests);
        Assert.Equal(5, requests.Count);
        Assert.All(requests, t => Assert.Equal("default", t[SmoothieDiagnostics.ModelTag]));
        Assert.All(requests, t => Assert.Equal("completed", t[SmoothieInstruments.OutcomeTag]));
        Assert.Equal(4, requests.Count(t => Equals(t[SmoothieInstruments.KindTag], "generate")));
        Assert.Equal(1, requests.Count(t => Equals(t[SmoothieInstruments.KindTag], "stream")));

        // Every request entered and left the queue; the four batched ones shared model calls.
        IReadOnlyList<double> queue = measurements.Values(SmoothieInstruments.QueuedRequests);
        Assert.Equal(5, queue.Count(v => v == 1));
        Assert.Equal(0, queue.Sum());
        IReadOnlyList<double> batches = measurements.Values(SmoothieInstruments.BatchSize);
        Assert.Equal(5, batches.Sum()); // 4 batched requests (in 1 to 4 calls) + the stream's call of 1
        Assert.InRange(batches.Count, 2, 5);

        Assert.Equal(5, measurements.Values(SmoothieInstruments.RequestDuration).Count);
        Assert.All(measurements.Values(SmoothieInstruments.RequestDuration), s => Assert.InRange(s, 0, 60));
        Assert.Equal(batches.Count, measurements.Values(SmoothieInstruments.GenerationDuration).Count);
        Assert.Equal(batches.Count, measurements.Values(SmoothieInstruments.TokensPerSecond).Count);
        Assert.All(measurements.Values(SmoothieInstruments.TokensPerSecond), rate => Assert.True(rate > 0, $"tokens per second {rate}"));

        measurements.Observe();
        IReadOnlyList<double> heap = measurements.Values(SmoothieInstruments.NativeHeapAllocated);
        if (Smoothie.Runtime.NativeHeap.AllocatedBytes() is not null)
        {
            Assert.True(heap.Single() > 1e6, $"native heap {heap.Single()} bytes"); // libtorch and the tiny model live there
        }
        else
        {
            Assert.Empty(heap);
        }
    }

    [Fact]
    public async Task RejectedAndCancelledRequestsAreCountedWithTheirOutcome()
    {
        using var gated = new GatedPipeline();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSmoothie("gated", o => { o.Steps = 2; o.MaxBatchSize = 1; o.MaxQueueLength = 1; o.BatchWindow = TimeSpan.Zero; }).UsePipeline(gated.Create);
        await using ServiceProvider provider = services.BuildServiceProvider();
        using var measurements = new SmoothieMeasurements(provider.GetRequiredService<IMeterFactory>());
        var generator = provider.GetRequiredKeyedService<BatchingSmoothieGenerator>("gated");

        Task<string> running = generator.GenerateAsync("Jesus wept.");
        Assert.True(gated.Started.Wait(TimeSpan.FromSeconds(60)));
        using var giveUp = new CancellationTokenSource();
        Task<string> waiting = generator.GenerateAsync("God is love.", giveUp.Token);
        await Assert.ThrowsAsync<SmoothieQueueFullException>(() => generator.GenerateAsync("Rejoice evermore."));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gated.Release();
        await running;

        Assert.Equal([1.0], measurements.Values(SmoothieInstruments.Requests, SmoothieInstruments.OutcomeTag, "rejected"));
        Assert.Equal([1.0], measurements.Values(SmoothieInstruments.Requests, SmoothieInstruments.OutcomeTag, "canceled"));
        Assert.Equal([1.0], measurements.Values(SmoothieInstruments.Requests, SmoothieInstruments.OutcomeTag, "completed"));
        Assert.All(measurements.Tags(SmoothieInstruments.Requests), t => Assert.Equal("gated", t[SmoothieDiagnostics.ModelTag]));

        // A rejected request never entered the queue; the others entered and left it.
        Assert.Equal([1.0, 1.0, -1.0, -1.0], measurements.Values(SmoothieInstruments.QueuedRequests).Order().Reverse());
    }

    [Fact]
    public async Task GenerateStreamAndTrainAreActivitiesLinkedToTheCaller()
    {
        var stopped = new ConcurrentQueue<(Activity Activity, bool OnThreadPool)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SmoothieDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => stopped.Enqueue((a, Thread.CurrentThread.IsThreadPoolThread)),
        };
        ActivitySource.AddActivityListener(listener);
        using var caller = new ActivitySource("Smoothie.Diffusion.Tests.Caller");
        using var callerListener = new ActivityListener
        {
            ShouldListenTo = source => source == caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(callerListener);

        var services = new ServiceCollection();
        services.AddSmoothie(o => o.Steps = 2).UsePipeline(_ => TinyPipelines.Builder().Build());
        await using ServiceProvider provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<ISmoothieGenerator>();
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        ActivityTraceId trace;
        using (Activity request = caller.StartActivity("request")!)
        {
            trace = request.TraceId;
            await generator.GenerateAsync("Jesus wept.");
            await foreach (GenerationUpdate update in generator.StreamAsync("Jesus wept.", every: 2))
            {
                Assert.Equal(2, update.Step);
            }

            pipeline.Train(TinyPipelines.Pairs, null, new TrainingOptions { BatchSize = 8, MaxSteps = 1, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 }, Path.Combine(root, "run"));
        }

        // The batch serves many callers: its own trace, linked to each request's activity; it ran on the worker thread.
        (Activity generate, bool onThreadPool) = Assert.Single(stopped, s => s.Activity.OperationName == SmoothieDiagnostics.GenerateActivityName && s.Activity.Links.Any(l => l.Context.TraceId == trace));
        Assert.False(onThreadPool);
        Assert.Equal(1, generate.GetTagItem("smoothie.batch.size"));
        Assert.Equal("default", generate.GetTagItem(SmoothieDiagnostics.ModelTag));
        Assert.Equal(ActivityStatusCode.Unset, generate.Status);

        Activity stream = Assert.Single(stopped, s => s.Activity.OperationName == SmoothieDiagnostics.StreamActivityName && s.Activity.TraceId == trace).Activity;
        Assert.Equal("default", stream.GetTagItem(SmoothieDiagnostics.ModelTag));
        Activity train = Assert.Single(stopped, s => s.Activity.OperationName == SmoothieDiagnostics.TrainActivityName && s.Activity.TraceId == trace).Activity;
        Assert.Equal(1L, train.GetTagItem("smoothie.train.steps"));
        Assert.Equal(TinyPipelines.Pairs.Count, train.GetTagItem("smoothie.train.pairs"));
    }
}
