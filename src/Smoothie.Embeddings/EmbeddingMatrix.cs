using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Embeddings;

/// <summary>
/// The token embedding matrix E <c>[V, d]</c> (float32) as a tensor on a chosen device, normalised once, with the
/// squared row norms ‖E_j‖² cached for the distance GEMM <c>‖x‖² − 2x·Eᵀ + ‖E‖²</c>. Frozen by default.
/// Owns its tensors: dispose it when done (latent spaces borrow it and never dispose it).
/// </summary>
public sealed class EmbeddingMatrix : IDisposable
{
    private readonly Tensor weights;
    private readonly Tensor squaredNorms;
    private bool disposed;

    private EmbeddingMatrix(
        Tensor weights,
        IReadOnlyList<string> tokens,
        EmbeddingNormalization normalization,
        IReadOnlyList<double> mean,
        IReadOnlyList<double> std,
        bool trainable,
        string source)
    {
        // A trainable matrix is held as a Parameter so optimisers can take it directly.
        this.weights = trainable && weights is not TorchSharp.Modules.Parameter ? new TorchSharp.Modules.Parameter(weights, requires_grad: true) : weights;
        Tokens = tokens;
        Normalization = normalization;
        NormalizationMean = mean;
        NormalizationStd = std;
        IsTrainable = trainable;
        Source = source;
        using (no_grad())
        {
            squaredNorms = this.weights.detach().square().sum(1);
        }
    }

    /// <summary>E <c>[V, d]</c>, float32, row-major (the layout both <c>x·Eᵀ</c> and <c>p·E</c> GEMMs read without a copy). Owned by this instance.</summary>
    public Tensor Weights
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return weights;
        }
    }

    /// <summary>
    /// The cached squared row norms ‖E_j‖² <c>[V]</c>, computed once at construction (and by
    /// <see cref="RefreshSquaredNorms"/>). Owned by this instance.
    /// </summary>
    public Tensor SquaredNorms
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return squaredNorms;
        }
    }

    /// <summary>The vocabulary, in row order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The number of rows V.</summary>
    public long VocabularySize => Tokens.Count;

    /// <summary>The embedding width d.</summary>
    public long Dimension => Weights.shape[1];

    /// <summary>The device E lives on.</summary>
    public Device Device => Weights.device;

    /// <summary>The normalisation that was applied.</summary>
    public EmbeddingNormalization Normalization { get; }

    /// <summary>The mean(s) subtracted: one value for <see cref="EmbeddingNormalization.Total"/>, d values per feature, none otherwise.</summary>
    public IReadOnlyList<double> NormalizationMean { get; }

    /// <summary>The standard deviation(s) divided by, matching <see cref="NormalizationMean"/>.</summary>
    public IReadOnlyList<double> NormalizationStd { get; }

    /// <summary>True when E requires gradients (see <see cref="EmbeddingMatrixOptions.Trainable"/>).</summary>
    public bool IsTrainable { get; }

    /// <summary>Where the raw table came from (copied from <see cref="TokenEmbeddings.Source"/>).</summary>
    public string Source { get; }

    /// <summary>
    /// Builds E from a managed table: copies the values, normalises them (statistics over the rows not excluded by
    /// <see cref="EmbeddingMatrixOptions.ExcludeFromStatistics"/>, unbiased standard deviation as <c>torch.std</c>),
    /// moves them to the device and caches ‖E_j‖².
    /// </summary>
    /// <param name="embeddings">The raw vocabulary and matrix.</param>
    /// <param name="options">Normalisation, excluded rows, device, trainability; null for the defaults.</param>
    /// <exception cref="ArgumentException">Every row is excluded, or the used rows have zero spread.</exception>
    public static EmbeddingMatrix FromTokenEmbeddings(TokenEmbeddings embeddings, EmbeddingMatrixOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        options ??= new EmbeddingMatrixOptions();
        ArgumentNullException.ThrowIfNull(options.ExcludeFromStatistics, nameof(options));
        TorchSharpRuntime.EnsureLoaded();

        int rows = embeddings.Rows;
        int dim = embeddings.Dimension;
        float[] values = embeddings.Weights;
        bool[] used = new bool[rows];
        int usedCount = 0;
        for (int i = 0; i < rows; i++)
        {
            used[i] = !options.ExcludeFromStatistics(embeddings.Tokens[i]);
            usedCount += used[i] ? 1 : 0;
        }

        if (options.Normalization != EmbeddingNormalization.None && usedCount == 0)
        {
            throw new ArgumentException(
                "Every row of the embedding matrix is excluded from the normalisation statistics; at least one used token is required.",
                nameof(embeddings));
        }

        double[] mean;
        double[] std;
        switch (options.Normalization)
        {
            case EmbeddingNormalization.None:
                mean = [];
                std = [];
                break;
            case EmbeddingNormalization.Total:
                (mean, std) = TotalStatistics(values, used, usedCount, dim);
                break;
            case EmbeddingNormalization.PerFeature:
                (mean, std) = PerFeatureStatistics(values, used, usedCount, dim);
                break;
            default:
                throw new ArgumentException($"Unknown normalisation {options.Normalization}.", nameof(options));
        }

        for (int j = 0; j < std.Length; j++)
        {
            if (!(std[j] > 0) || !double.IsFinite(std[j]))
            {
                string where = std.Length == 1 ? "the used rows" : $"column {j} of the used rows";
                throw new ArgumentException(
                    $"The embedding values of {where} have standard deviation {std[j]}; normalisation needs a positive spread.",
                    nameof(embeddings));
            }
        }

        Device device = options.Device ?? CPU;
        Tensor tensor;
        using (var scope = NewDisposeScope())
        {
            Tensor raw = torch.tensor(values, [rows, dim], ScalarType.Float32);
            if (mean.Length == 1)
            {
                // Explicit, disposed Scalars: an implicit double → Scalar temporary can be finalized by the GC while the
                // native call still reads it (seen as a rare "Expected false to be true" from Scalar::toDouble in CI).
                using Scalar shift = mean[0].ToScalar();
                using Scalar scale = std[0].ToScalar();
                raw.sub_(shift).div_(scale);
            }
            else if (mean.Length == dim)
            {
                using Tensor m = torch.tensor(mean, ScalarType.Float64).to(ScalarType.Float32);
                using Tensor s = torch.tensor(std, ScalarType.Float64).to(ScalarType.Float32);
                raw.sub_(m).div_(s);
            }

            tensor = raw.to(device).detach().contiguous().requires_grad_(options.Trainable).MoveToOuterDisposeScope();
        }

        return new EmbeddingMatrix(tensor, embeddings.Tokens, options.Normalization, mean, std, options.Trainable, embeddings.Source);
    }

    /// <summary>
    /// A new matrix over a subset of rows: row <c>i</c> is original row <c>subVocabulary.ToOriginal(i)</c>. Values,
    /// normalisation statistics and trainability are kept (no re-normalisation), so distances between kept tokens are
    /// unchanged. The result owns copies of the rows; dispose it separately.
    /// </summary>
    /// <param name="subVocabulary">The rows to keep; its original vocabulary size must equal <see cref="VocabularySize"/>.</param>
    /// <exception cref="ArgumentException">The sub-vocabulary was built for a different vocabulary size.</exception>
    public EmbeddingMatrix Restrict(SubVocabulary subVocabulary)
    {
        ArgumentNullException.ThrowIfNull(subVocabulary);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (subVocabulary.OriginalVocabularySize != VocabularySize)
        {
            throw new ArgumentException(
                $"The sub-vocabulary was built for a vocabulary of {subVocabulary.OriginalVocabularySize} tokens, but this matrix has {VocabularySize} rows.",
                nameof(subVocabulary));
        }

        string[] tokens = new string[subVocabulary.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Tokens[subVocabulary.OriginalIds[i]];
        }

        Tensor rows;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Tensor index = subVocabulary.OriginalIdsTensor(Device);
            rows = weights.detach().index_select(0, index).contiguous().requires_grad_(IsTrainable).MoveToOuterDisposeScope();
        }

        return new EmbeddingMatrix(rows, tokens, Normalization, NormalizationMean, NormalizationStd, IsTrainable, Source);
    }

    /// <summary>Recomputes the cached ‖E_j‖² in place, e.g. after an optimiser updated a trainable E.</summary>
    public void RefreshSquaredNorms()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            squaredNorms.copy_(weights.detach().square().sum(1));
        }
    }

    /// <summary>
    /// ‖E_j‖² for a computation: the cached tensor for a frozen E, a freshly computed (differentiable) one for a
    /// trainable E. The cached tensor is owned by this instance; a fresh one belongs to the caller's dispose scope.
    /// </summary>
    public Tensor SquaredNormsForCompute() => IsTrainable ? weights.square().sum(1) : SquaredNorms;

    /// <summary>Releases E and the cached norms.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        squaredNorms.Dispose();
        weights.Dispose();
    }

    private static (double[] Mean, double[] Std) TotalStatistics(float[] values, bool[] used, int usedCount, int dim)
    {
        long count = (long)usedCount * dim;
        double sum = 0;
        for (int i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            for (int j = 0, o = i * dim; j < dim; j++)
            {
                sum += values[o + j];
            }
        }

        double m = sum / count;
        double squares = 0;
        for (int i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            for (int j = 0, o = i * dim; j < dim; j++)
            {
                double c = values[o + j] - m;
                squares += c * c;
            }
        }

        double s = count > 1 ? Math.Sqrt(squares / (count - 1)) : 0;
        return ([m], [s]);
    }

    private static (double[] Mean, double[] Std) PerFeatureStatistics(float[] values, bool[] used, int usedCount, int dim)
    {
        double[] m = new double[dim];
        double[] squares = new double[dim];
        for (int i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            for (int j = 0, o = i * dim; j < dim; j++)
            {
                m[j] += values[o + j];
            }
        }

        for (int j = 0; j < dim; j++)
        {
            m[j] /= usedCount;
        }

        for (int i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            for (int j = 0, o = i * dim; j < dim; j++)
            {
                double c = values[o + j] - m[j];
                squares[j] += c * c;
            }
        }

        double[] s = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            s[j] = usedCount > 1 ? Math.Sqrt(squares[j] / (usedCount - 1)) : 0;
        }

        return (m, s);
    }
}
