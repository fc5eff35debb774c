namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// The token a running model call is given: cancelled when every request of the batch has been cancelled (no one waits
/// for the result any more) or when the generator stops. The sampler checks it between steps.
/// </summary>
internal sealed class BatchCancellation : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly List<CancellationTokenRegistration> registrations = [];
    private int waiting;

    public BatchCancellation(IReadOnlyList<QueuedRequest> batch, CancellationToken stopping)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        waiting = batch.Count;
        foreach (QueuedRequest request in batch)
        {
            // Runs at once for a request cancelled already.
            registrations.Add(request.CancellationToken.Register(RequestCancelled));
        }
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (CancellationTokenRegistration registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void RequestCancelled()
    {
        if (Interlocked.Decrement(ref waiting) == 0)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The batch ended meanwhile.
            }
        }
    }
}
