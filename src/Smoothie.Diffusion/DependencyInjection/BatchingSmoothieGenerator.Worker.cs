using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Smoothie.Diffusion.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>The worker: a dedicated thread that gathers queued requests into batches and runs one model call per batch.</summary>
public sealed partial class BatchingSmoothieGenerator
{
    private void Work()
    {
        var batch = new List<QueuedRequest>();
        try
        {
            while (WaitForRequests())
            {
                if (options.BatchWindow > TimeSpan.Zero)
                {
                    // Let more requests join; returns early when the generator stops.
                    stopping.Token.WaitHandle.WaitOne(options.BatchWindow);
                }

                TakeBatch(batch);
                if (batch.Count > 0 && !stopping.IsCancellationRequested)
                {
                    RunBatch(batch);
                }
                else
                {
                    Abandon(batch);
                }
            }
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The Smoothie generator's worker stopped unexpectedly; waiting requests fail.");
            Abandon(batch);
        }
        finally
        {
            requests.Writer.TryComplete();
            AbandonWaiting();
            workerEnded.TrySetResult();
        }
    }

    /// <summary>Blocks this (dedicated) thread until a request is queued; false once the generator stops.</summary>
    private bool WaitForRequests()
    {
        if (stopping.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            return requests.Reader.WaitToReadAsync(stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Up to <see cref="SmoothieOptions.MaxBatchSize"/> queued requests whose callers still wait; each leaves the queue.</summary>
    private void TakeBatch(List<QueuedRequest> batch)
    {
        batch.Clear();
        while (batch.Count < options.MaxBatchSize && requests.Reader.TryRead(out QueuedRequest? request))
        {
            if (request.TryLeaveQueue())
            {
                LeaveQueue();
                batch.Add(request);
            }

            // Else its caller cancelled while it waited: it has left the queue already.
        }
    }

    private void RunBatch(List<QueuedRequest> batch)
    {
        using Activity? activity = SmoothieDiagnostics.ActivitySource.StartActivity(
            SmoothieDiagnostics.GenerateActivityName, ActivityKind.Internal, parentContext: default, tags: null, links: batch.Where(r => r.Caller is not null).Select(r => new ActivityLink(r.Caller!.Value)));
        activity?.SetTag(SmoothieDiagnostics.ModelTag, model);
        activity?.SetTag("smoothie.batch.size", batch.Count);
        using var cancellation = new BatchCancellation(batch, stopping.Token);
        long start = Stopwatch.GetTimestamp();
        try
        {
            SmoothiePipeline pipeline = loader.Get();
            IReadOnlyList<GenerationResult> outputs = pipeline.GenerateWithCoverage(batch.Select(r => r.Source).ToList(), GenerationOptions(), cancellation.Token);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            Interlocked.Increment(ref batchCount);
            Volatile.Write(ref largestBatch, Math.Max(largestBatch, batch.Count));
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outputs[i]);
            }

            metrics.GenerationEnded(model, batch.Count, elapsed, () => outputs.Sum(o => (long)pipeline.Codec.Tokenize(o.Text).Count));
            logger.LogDebug("Generated a batch of {Count} in {Seconds:0.000} s.", batch.Count, elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellation.Token.IsCancellationRequested)
        {
            // Every caller gave up, or the generator stops: the call ended between two sampling steps.
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            Interlocked.Increment(ref stoppedBatchCount);
            Abandon(batch);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Smoothie generation failed for a batch of {Count}.", batch.Count);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.AddException(e);
            foreach (QueuedRequest request in batch)
            {
                request.Completion.TrySetException(e);
            }
        }
        finally
        {
            TrimNativeHeap();
        }
    }

    /// <summary>Ends requests that will not be served: cancelled (their caller gave up) or failed (the generator stopped).</summary>
    private void Abandon(List<QueuedRequest> batch)
    {
        foreach (QueuedRequest request in batch)
        {
            LeaveQueue(request);
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Completion.TrySetCanceled(request.CancellationToken);
            }
            else
            {
                request.Completion.TrySetException(new ObjectDisposedException(nameof(BatchingSmoothieGenerator), "The Smoothie generator was disposed before this request was served."));
            }
        }

        batch.Clear();
    }

    /// <summary>When the worker ends: every request still in the queue fails.</summary>
    private void AbandonWaiting()
    {
        var rest = new List<QueuedRequest>();
        while (requests.Reader.TryRead(out QueuedRequest? request))
        {
            rest.Add(request);
        }

        Abandon(rest);
    }
}
