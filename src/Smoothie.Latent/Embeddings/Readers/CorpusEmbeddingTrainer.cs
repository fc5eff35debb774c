using Smoothie.Latent.Text;

namespace Smoothie.Latent.Embeddings.Readers;

/// <summary>
/// Token embeddings learnt from a corpus, for users without pretrained ones: positive pointwise mutual information
/// (PPMI) of windowed co-occurrence counts, factorised by a truncated randomized SVD (Halko et al. 2011) in plain
/// managed code. Row w is <c>U_w · √S</c> (the symmetric weighting of Levy, Goldberg &amp; Dagan 2015).
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
                for (int distance = 1; distance <= options.Window && i + distance < local.Length; distance++)
                {
                    double weight = 1.0 / distance;
                    int a = local[i];
                    int b = local[i + distance];
                    Accumulate(pairs, a, b, weight);
                    Accumulate(pairs, b, a, weight);
                }
            }
        }

        int n = seen.Count;
        int k = options.Dimension;
        if (n < k)
        {
            throw new ArgumentException(
                $"Only {n} distinct tokens occur in the corpus, fewer than the requested dimension {k}; use a larger corpus or a smaller Dimension.",
                nameof(sequences));
        }

        // 2. PPMI with context-distribution smoothing.
        SparseMatrix ppmi = BuildPpmi(pairs, n, options.ContextSmoothing);

        // 3. Randomized truncated SVD.
        var random = new Random(options.Seed);
        int l = Math.Min(n, k + options.Oversampling);
        var omega = new double[(long)n * l];
        for (long i = 0; i < omega.LongLength; i++)
        {
            omega[i] = Gaussian(random);
        }

        double[] q = ppmi.Multiply(omega, l);
        DenseLinearAlgebra.Orthonormalize(q, n, l);
        for (int iteration = 0; iteration < options.PowerIterations; iteration++)
        {
            double[] z = ppmi.MultiplyTransposed(q, l);
            DenseLinearAlgebra.Orthonormalize(z, n, l);
            q = ppmi.Multiply(z, l);
            DenseLinearAlgebra.Orthonormalize(q, n, l);
        }

        // B = Qᵀ M, stored transposed as Bt = Mᵀ Q [n, l]; C = B Bᵀ = Btᵀ Bt [l, l].
        double[] bt = ppmi.MultiplyTransposed(q, l);
        var gram = new double[l * l];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < l; i++)
            {
                double x = bt[(r * l) + i];
                if (x == 0)
                {
                    continue;
                }

                for (int j = 0; j < l; j++)
                {
                    gram[(i * l) + j] += x * bt[(r * l) + j];
                }
            }
        }

        (double[] eigenvalues, double[] eigenvectors) = DenseLinearAlgebra.SymmetricEigen(gram, l);

        // U = Q · Ub; row = U_k · √S, S = √λ.
        var trained = new double[(long)n * k];
        for (int j = 0; j < k; j++)
        {
            double weight = Math.Pow(Math.Max(eigenvalues[j], 0), 0.25);
            double largest = 0;
            for (int r = 0; r < n; r++)
            {
                double u = 0;
                for (int i = 0; i < l; i++)
                {
                    u += q[(r * l) + i] * eigenvectors[(i * l) + j];
                }

                trained[((long)r * k) + j] = u * weight;
                if (Math.Abs(u) > Math.Abs(largest))
                {
                    largest = u;
                }
            }

            if (largest < 0)
            {
                for (int r = 0; r < n; r++)
                {
                    trained[((long)r * k) + j] = -trained[((long)r * k) + j];
                }
            }
        }

        // 4. Scatter into the full vocabulary; unseen tokens get seeded Gaussian rows of the same spread.
        double sumSquares = 0;
        foreach (double x in trained)
        {
            sumSquares += x * x;
        }

        double spread = Math.Sqrt(sumSquares / trained.LongLength);
        var weights = new float[(long)v * k];
        var filler = new Random(unchecked(options.Seed * 31) + 17);
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

        return new TokenEmbeddings(vocabulary, weights, k, $"ppmi-svd:d{k},w{options.Window},seed{options.Seed}");
    }

    private static void Accumulate(Dictionary<long, double> pairs, int a, int b, double weight)
    {
        long key = ((long)a << 32) | (uint)b;
        pairs[key] = pairs.GetValueOrDefault(key) + weight;
    }

    private static SparseMatrix BuildPpmi(Dictionary<long, double> pairs, int n, double alpha)
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
        var entries = new List<(int Row, int Column, double Value)>(pairs.Count);
        foreach ((long key, double count) in pairs)
        {
            int row = (int)(key >> 32);
            int column = (int)(key & 0xFFFFFFFF);
            double pmi = Math.Log(count / total / (rowSums[row] / total * (Math.Pow(columnSums[column], alpha) / smoothedTotal)));
            if (pmi > 0)
            {
                entries.Add((row, column, pmi));
            }
        }

        entries.Sort((x, y) => x.Row != y.Row ? x.Row.CompareTo(y.Row) : x.Column.CompareTo(y.Column));
        var rowStart = new int[n + 1];
        var columns = new int[entries.Count];
        var values = new double[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            rowStart[entries[i].Row + 1]++;
            columns[i] = entries[i].Column;
            values[i] = entries[i].Value;
        }

        for (int r = 0; r < n; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        return new SparseMatrix(n, rowStart, columns, values);
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
