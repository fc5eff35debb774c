namespace Smoothie.Latent.Embeddings.Readers;

/// <summary>A compressed-sparse-row matrix of doubles with the two products randomized SVD needs.</summary>
internal sealed class SparseMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly double[] _values;

    public SparseMatrix(int size, int[] rowStart, int[] columns, double[] values)
    {
        Size = size;
        _rowStart = rowStart;
        _columns = columns;
        _values = values;
    }

    public int Size { get; }

    public int NonZeros => _values.Length;

    /// <summary>Returns M · X for a dense row-major X of shape [Size, k].</summary>
    public double[] Multiply(double[] x, int k)
    {
        var result = new double[(long)Size * k];
        for (int row = 0; row < Size; row++)
        {
            Span<double> target = result.AsSpan(row * k, k);
            for (int p = _rowStart[row]; p < _rowStart[row + 1]; p++)
            {
                double v = _values[p];
                ReadOnlySpan<double> source = x.AsSpan(_columns[p] * k, k);
                for (int j = 0; j < k; j++)
                {
                    target[j] += v * source[j];
                }
            }
        }

        return result;
    }

    /// <summary>Returns Mᵀ · X for a dense row-major X of shape [Size, k].</summary>
    public double[] MultiplyTransposed(double[] x, int k)
    {
        var result = new double[(long)Size * k];
        for (int row = 0; row < Size; row++)
        {
            ReadOnlySpan<double> source = x.AsSpan(row * k, k);
            for (int p = _rowStart[row]; p < _rowStart[row + 1]; p++)
            {
                double v = _values[p];
                Span<double> target = result.AsSpan(_columns[p] * k, k);
                for (int j = 0; j < k; j++)
                {
                    target[j] += v * source[j];
                }
            }
        }

        return result;
    }
}
