using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary>A pipeline factory for <c>UsePipeline</c> that holds the load until <see cref="Release"/> (or fails it), to see the states in between.</summary>
internal sealed class GatedPipeline : IDisposable
{
    private readonly ManualResetEventSlim gate = new();
    private readonly Exception? failure;

    public GatedPipeline(Exception? failure = null)
    {
        this.failure = failure;
    }

    /// <summary>Set once the factory was called (the load started).</summary>
    public ManualResetEventSlim Started { get; } = new();

    public SmoothiePipeline Create(IServiceProvider services)
    {
        Started.Set();
        if (!gate.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("The test never released the gated pipeline.");
        }

        return failure is null ? TinyPipelines.Builder().Build() : throw failure;
    }

    public void Release() => gate.Set();

    public void Dispose()
    {
        gate.Set();
        gate.Dispose();
        Started.Dispose();
    }
}
