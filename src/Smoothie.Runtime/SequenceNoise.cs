using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Runtime;

/// <summary>
/// Gaussian noise with its own stream for every sequence (batch row) of a batch, so that what a sequence draws depends
/// only on the seed, its key, the draw and the position — not on the other sequences, on where it sits in the batch, on
/// the batch size, on how a draw is cut into blocks or on the number of cores. A draw is one batch-wide noise tensor,
/// seen as <c>[sequences × positions, D]</c> rows (position p of sequence b is row b·positions + p); the sampler makes
/// one draw for its start and one for each re-noise step (<see cref="ForDraw"/>).
/// </summary>
/// <remarks>
/// Row (b, p) of draw k is one <c>normal_</c> call of D values from a generator seeded with
/// <c>h = mix(mix(mix(mix(seed) ⊕ key_b) ⊕ k) ⊕ p)</c>, where mix is the SplitMix64 finaliser (with its golden-ratio
/// increment). libtorch's CPU generator keeps the low 32 bits of the seed, so two of the millions of rows of a large job
/// may share a stream; this does not bias anything and does not depend on the batch. Rows are drawn on all cores, one
/// generator per worker, re-seeded per row.
/// </remarks>
public sealed class SequenceNoise
{
    private readonly ulong[] keys;
    private readonly ulong[] drawSeeds;

    /// <summary>Creates the streams of a batch at draw 0.</summary>
    /// <param name="seed">The seed of the call.</param>
    /// <param name="keys">The key of each sequence (its stream); equal keys give equal noise.</param>
    /// <param name="positions">Positions per sequence (rows of a draw per sequence), ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="positions"/> is less than 1.</exception>
    public SequenceNoise(long seed, IReadOnlyList<ulong> keys, long positions)
        : this(seed, Copy(keys), positions, 0)
    {
    }

    private SequenceNoise(long seed, ulong[] keys, long positions, long draw)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1L);
        ArgumentOutOfRangeException.ThrowIfNegative(draw);
        (Seed, this.keys, Positions, Draw) = (seed, keys, positions, draw);
        ulong seedHash = Mix((ulong)seed);
        ulong drawHash = Mix((ulong)draw);
        drawSeeds = keys.Select(key => Mix(Mix(seedHash ^ key) ^ drawHash)).ToArray();
    }

    /// <summary>The seed of the call.</summary>
    public long Seed { get; }

    /// <summary>The key of each sequence.</summary>
    public IReadOnlyList<ulong> Keys => keys;

    /// <summary>Positions per sequence.</summary>
    public long Positions { get; }

    /// <summary>The index of this draw (0 for the start of a sampling run, k + 1 for the re-noise of step k).</summary>
    public long Draw { get; }

    /// <summary>Rows of one draw: sequences × positions.</summary>
    public long Rows => keys.Length * Positions;

    /// <summary>The same streams at another draw.</summary>
    /// <param name="draw">The draw index, ≥ 0.</param>
    /// <returns>Streams whose <see cref="Fill"/> gives the rows of draw <paramref name="draw"/>.</returns>
    public SequenceNoise ForDraw(long draw) => draw == Draw ? this : new SequenceNoise(Seed, keys, Positions, draw);

    /// <summary>
    /// Overwrites <paramref name="block"/> with rows <c>[firstRow, firstRow + n)</c> of this draw, scaled by
    /// <paramref name="std"/>: N(0, std²) values, the same whichever block they are asked for in.
    /// </summary>
    /// <param name="block">A contiguous floating tensor <c>[n, D]</c>.</param>
    /// <param name="firstRow">The draw's row that the block's first row is.</param>
    /// <param name="std">The standard deviation (finite, ≥ 0; 0 writes zeros).</param>
    /// <exception cref="ArgumentException">The block is not a contiguous 2-D floating tensor.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows lie outside the draw, or <paramref name="std"/> is negative or not finite.</exception>
    public void Fill(Tensor block, long firstRow, double std)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.dim() != 2 || !block.is_floating_point() || !block.is_contiguous())
        {
            throw new ArgumentException($"The noise block must be a contiguous floating tensor [n, D]; got {block.dtype} [{string.Join(", ", block.shape)}].", nameof(block));
        }

        long n = block.shape[0];
        if (firstRow < 0 || firstRow + n > Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), firstRow, $"Rows [{firstRow}, {firstRow + n}) lie outside the draw's {Rows} rows ({keys.Length} sequences × {Positions} positions).");
        }

        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "std must be a finite number ≥ 0.");
        }

        if (n == 0)
        {
            return;
        }

        if (std == 0)
        {
            block.zero_();
            return;
        }

        TorchSharpRuntime.EnsureLoaded();
        Device device = block.device;
        int workers = device.type == DeviceType.CPU ? (int)Math.Min(n, Math.Max(1, get_num_threads())) : 1;
        Parallel.For(
            0L,
            n,
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => new Generator(0, device),
            (r, _, generator) =>
            {
                long row = firstRow + r;
                generator.manual_seed(unchecked((long)RowSeed(row / Positions, row % Positions)));
                using Tensor target = block.select(0, r);
                target.normal_(0, std, generator);
                return generator;
            },
            generator => generator.Dispose());
    }

    /// <summary>The seed of position <paramref name="position"/> of sequence <paramref name="sequence"/> in this draw.</summary>
    private ulong RowSeed(long sequence, long position) => Mix(drawSeeds[sequence] ^ (ulong)position);

    private static ulong[] Copy(IReadOnlyList<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("Give one key per sequence; got none.", nameof(keys));
        }

        return [.. keys];
    }

    /// <summary>SplitMix64: the golden-ratio increment, then its finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
