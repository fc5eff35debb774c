using System.Diagnostics;
using System.Runtime.CompilerServices;
using Smoothie.Diffusion.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Streams: each runs on the pipeline's own producer thread beside the worker's batches (up to
/// <see cref="SmoothieOptions.MaxConcurrentStreams"/> at once; a stream waiting for a place counts in the bounded queue),
/// so a long stream no longer holds up the batched requests.
/// </summary>
public sealed partial class BatchingSmoothieGenerator
{
    private const string Stream = "stream";
    private readonly SemaphoreSlim streamPlaces;
    private int activeStreams;

    /// <inheritdoc />
    public async IAsyncEnumerable<GenerationUpdate> StreamAsync(string source, int every = 5, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        long arrived = Stopwatch.GetTimestamp();
        EnterQueue(Stream);
        string outcome = Canceled; // also when the caller stops enumerating early
        bool placed = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        try
        {
            placed = await TakeStreamPlaceAsync(stop.Token).ConfigureAwait(false);
            using Activity? activity = SmoothieDiagnostics.ActivitySource.StartActivity(SmoothieDiagnostics.StreamActivityName);
            activity?.SetTag(SmoothieDiagnostics.ModelTag, model);
            outcome = Failed; // unless the pipeline loads
            await loader.StartLoading().ConfigureAwait(false);
            SmoothiePipeline pipeline = loader.Get();
            outcome = Canceled;
            long start = Stopwatch.GetTimestamp();
            GenerationUpdate? last = null;
            await using IAsyncEnumerator<GenerationUpdate> updates = pipeline.GenerateAsync(source, GenerationOptions(), every, stop.Token).GetAsyncEnumerator(stop.Token);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e)
                {
                    outcome = e is OperationCanceledException ? Canceled : Failed;
                    activity?.SetStatus(ActivityStatusCode.Error, outcome == Canceled ? Canceled : e.Message);
                    activity?.AddException(e);
                    throw;
                }

                last = updates.Current;
                yield return last;
            }

            outcome = Completed;
            metrics.GenerationEnded(model, 1, Stopwatch.GetElapsedTime(start), () => last is null ? 0 : pipeline.Codec.Tokenize(last.Text).Count);
        }
        finally
        {
            if (placed)
            {
                EndStream();
            }

            metrics.RequestEnded(model, Stream, outcome, Stopwatch.GetElapsedTime(arrived));
        }
    }

    /// <summary>Waits for a stream place; the stream holds its queue place until then.</summary>
    private async Task<bool> TakeStreamPlaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await streamPlaces.WaitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref activeStreams);
            return true;
        }
        finally
        {
            LeaveQueue();
        }
    }

    private void EndStream()
    {
        TrimNativeHeap();
        Interlocked.Decrement(ref activeStreams);
        streamPlaces.Release();
    }

    /// <summary>Waits (polling) until every stream's enumeration has ended, at most <paramref name="timeout"/>; false when some has not.</summary>
    private async Task<bool> StreamsEndedAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref activeStreams) > 0)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        return true;
    }
}
