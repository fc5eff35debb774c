using Smoothie.Text;
using Smoothie.Runtime;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// Token embeddings learnt from a corpus, for users without pretrained ones: positive pointwise mutual information
/// (PPMI) of windowed co-occurrence counts, factorised by a truncated randomized SVD (Halko et al. 2011) through
/// libtorch (sparse × dense products, <c>torch.linalg.qr</c> and <c>torch.linalg.svd</c>, float64). Row w is
/// <c>U_w · √S</c> (the symmetric weighting of Levy, Goldberg &amp; Dagan 2015).
/// Deterministic for a given corpus, options and seed.
/// <para>
/// Tokens of the vocabulary that never occur in the corpus get small seeded Gaussian rows with the same standard
/// deviation as the learnt entries (so that no two rows are equal and nearest-neighbour decoding stays well defined).
/// </para>
/// </summary>
public static class CorpusEmbeddingTrainer
{
    /// <summary>Trains embeddings for a codec's vocabulary from raw text lines (tokenized with the codec, no special tokens).</summary>
    /// <param name="codec">The codec whose vocabulary the rows align with.</param>
    /// <param name="corpus">Text lines (sentences or documents).</param>
    /// <param name="options">Training settings; null = defaults.</param>
    public static TokenEmbeddings Train(ITextCodec codec, IEnumerable<string> corpus, CorpusEmbeddingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(corpus);
        return Train(codec.Tokens, corpus.Select(codec.Tokenize), options);
    }

    /// <summary>Trains embeddings for a vocabulary from token id sequences.</summary>
    /// <param name="vocabulary">The tokens, one per row of the result.</param>
    /// <param name="sequences">Token id sequences (ids index <paramref name="vocabulary"/>).</param>
    /// <param name="options">Training settings; null = defaults.</param>
    /// <exception cref="ArgumentException">An id is outside the vocabulary, or fewer distinct tokens occur than the dimension.</exception>
    public static TokenEmbeddings Train(IReadOnlyList<string> vocabulary, IEnumerable<IReadOnlyList<int>> sequences, CorpusEmbeddingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sequences);
        options ??= new CorpusEmbeddingOptions();
        options.Validate();
        int v = vocabulary.Count;

        // 1. Windowed co-occurrence counts over a compact index of the tokens that occur.
        var compact = new Dictionary<int, int>();
        var seen = new List<int>();
        var pairs = new Dictionary<long, double>();
        CountCooccurrences(sequences, v, options.Window, compact, seen, pairs);

        int n = seen.Count;
        int k = options.Dimension;
        if (n < k)
        {
            throw new ArgumentException(
                $"Only {n} distinct tokens occur in the corpus, fewer than the requested dimension {k}; use a larger corpus or a smaller Dimension.",
                nameof(sequences));
        }

        // 2. PPMI with context-distribution smoothing.
        // 3. Randomized truncated SVD through torch.linalg (float64): the range of M is found from M·Ω by subspace
        // iteration (QR after every product), then B = QᵀM is decomposed exactly; U = Q·U_B.
        double[] trained = TruncatedSvdRows(BuildPpmi(pairs, n, options.ContextSmoothing), n, k, options);

        // 4. Scatter into the full vocabulary; unseen tokens get seeded Gaussian rows of the same spread.
        float[] weights = ScatterRows(trained, compact, v, k, options.Seed);
        return new TokenEmbeddings(vocabulary, weights, k, $"ppmi-svd:d{k},w{options.Window},seed{options.Seed}");
    }

    /// <summary>
    /// Adds the windowed co-occurrence counts (weight 1/distance, both directions) of <paramref name="sequences"/> to
    /// <paramref name="pairs"/>, over a compact index of the tokens that occur (<paramref name="compact"/>: id → index;
    /// <paramref name="seen"/>: index → id).
    /// </summary>
    private static void CountCooccurrences(
        IEnumerable<IReadOnlyList<int>> sequences, int v, int window, Dictionary<int, int> compact, List<int> seen, Dictionary<long, double> pairs)
    {
        foreach (IReadOnlyList<int> sequence in sequences)
        {
            var local = new int[sequence.Count];
            for (int i = 0; i < sequence.Count; i++)
            {
                int id = sequence[i];
                if ((uint)id >= (uint)v)
                {
                    throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {v}).", nameof(sequences));
                }

                if (!compact.TryGetValue(id, out int c))
                {
                    c = seen.Count;
                    compact[id] = c;
                    seen.Add(id);
                }

                local[i] = c;
            }

            for (int i = 0; i < local.Length; i++)
            {
                for (int distance = 1; distance <= window && i + distance < local.Length; distance++)
                {
                    double weight = 1.0 / distance;
                    int a = local[i];
                    int b = local[i + distance];
                    Accumulate(pairs, a, b, weight);
                    Accumulate(pairs, b, a, weight);
                }
            }
        }
    }

    /// <summary>
    /// The rows of the full vocabulary, row-major <c>[v, k]</c>: learnt rows for the tokens that occur, seeded Gaussian
    /// rows of the same spread for the others.
    /// </summary>
    private static float[] ScatterRows(double[] trained, Dictionary<int, int> compact, int v, int k, int seed)
    {
        double sumSquares = 0;
        foreach (double x in trained)
        {
            sumSquares += x * x;
        }

        double spread = Math.Sqrt(sumSquares / trained.LongLength);
        var weights = new float[(long)v * k];
        var filler = new Random(unchecked(seed * 31) + 17);
        for (int id = 0; id < v; id++)
        {
            Span<float> row = weights.AsSpan(id * k, k);
            if (compact.TryGetValue(id, out int c))
            {
                for (int j = 0; j < k; j++)
                {
                    row[j] = (float)trained[((long)c * k) + j];
                }
            }
            else
            {
                for (int j = 0; j < k; j++)
                {
                    row[j] = (float)(Gaussian(filler) * spread);
                }
            }
        }

        return weights;
    }

    /// <summary>The rows U_k · √S of the truncated randomized SVD of the sparse PPMI matrix, row-major [n, k].</summary>
    private static double[] TruncatedSvdRows(PpmiEntries ppmi, int n, int k, CorpusEmbeddingOptions options)
    {
        TorchSharpRuntime.EnsureLoaded();
        var random = new Random(options.Seed);
        int l = Math.Min(n, k + options.Oversampling);
        var omega = new double[(long)n * l];
        for (long i = 0; i < omega.LongLength; i++)
        {
            omega[i] = Gaussian(random);
        }

        using var scope = NewDisposeScope();
        int count = ppmi.Values.Length;
        var coordinates = new long[2L * count];
        var transposed = new long[2L * count];
        for (int i = 0; i < count; i++)
        {
            coordinates[i] = transposed[count + i] = ppmi.Rows[i];
            coordinates[count + i] = transposed[i] = ppmi.Columns[i];
        }

        // The products stay sparse (libtorch's sparse × dense): the PPMI matrix of a large vocabulary is mostly zeros.
        Tensor values = tensor(ppmi.Values);
        Tensor m = sparse_coo_tensor(tensor(coordinates).reshape(2, count), values, [n, n]);
        Tensor mt = sparse_coo_tensor(tensor(transposed).reshape(2, count), values, [n, n]);
        Tensor q = linalg.qr(m.mm(tensor(omega).reshape(n, l))).Q;
        for (int iteration = 0; iteration < options.PowerIterations; iteration++)
        {
            Tensor z = linalg.qr(mt.mm(q)).Q;
            q = linalg.qr(m.mm(z)).Q;
        }

        // B = Qᵀ M = (Mᵀ Q)ᵀ [l, n]; B = U_B S Vᵀ, so U = Q U_B; row = U_k · √S.
        (Tensor ub, Tensor singular, _) = linalg.svd(mt.mm(q).t(), fullMatrices: false);
        Tensor u = q.mm(ub[.., ..k]);

        // Fix each column's sign: its largest-magnitude entry (the first, on ties) is positive.
        Tensor largest = u.gather(0, u.abs().argmax(0).unsqueeze(0));
        Tensor sign = 1 - (2 * (largest < 0).to_type(ScalarType.Float64));
        Tensor rows = (u * sign * singular[..k].clamp_min(0).sqrt()).contiguous();
        return rows.data<double>().ToArray();
    }

    private static void Accumulate(Dictionary<long, double> pairs, int a, int b, double weight)
    {
        long key = ((long)a << 32) | (uint)b;
        pairs[key] = pairs.GetValueOrDefault(key) + weight;
    }

    private static PpmiEntries BuildPpmi(Dictionary<long, double> pairs, int n, double alpha)
    {
        var rowSums = new double[n];
        var columnSums = new double[n];
        double total = 0;
        foreach ((long key, double count) in pairs)
        {
            rowSums[(int)(key >> 32)] += count;
            columnSums[(int)(key & 0xFFFFFFFF)] += count;
            total += count;
        }

        double smoothedTotal = columnSums.Sum(c => Math.Pow(c, alpha));
        var rows = new List<int>(pairs.Count);
        var columns = new List<int>(pairs.Count);
        var values = new List<double>(pairs.Count);
        foreach ((long key, double count) in pairs)
        {
            int row = (int)(key >> 32);
            int column = (int)(key & 0xFFFFFFFF);
            double pmi = Math.Log(count / total / (rowSums[row] / total * (Math.Pow(columnSums[column], alpha) / smoothedTotal)));
            if (pmi > 0)
            {
                rows.Add(row);
                columns.Add(column);
                values.Add(pmi);
            }
        }

        return new PpmiEntries(rows.ToArray(), columns.ToArray(), values.ToArray());
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The positive entries of the PPMI matrix, as coordinates (duplicates do not occur).</summary>
    private sealed record PpmiEntries(int[] Rows, int[] Columns, double[] Values);
}
