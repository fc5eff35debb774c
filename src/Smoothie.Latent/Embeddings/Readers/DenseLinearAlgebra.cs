namespace Smoothie.Latent.Embeddings.Readers;

/// <summary>The small dense routines of randomized SVD: orthonormalisation and a symmetric eigen-solver.</summary>
internal static class DenseLinearAlgebra
{
    /// <summary>Orthonormalises the k columns of a row-major [n, k] matrix in place (modified Gram–Schmidt, twice).</summary>
    public static void Orthonormalize(double[] a, int n, int k)
    {
        var column = new double[n];
        for (int j = 0; j < k; j++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < j; i++)
                {
                    double dot = 0;
                    for (int r = 0; r < n; r++)
                    {
                        dot += a[(r * k) + i] * a[(r * k) + j];
                    }

                    for (int r = 0; r < n; r++)
                    {
                        a[(r * k) + j] -= dot * a[(r * k) + i];
                    }
                }
            }

            double norm = 0;
            for (int r = 0; r < n; r++)
            {
                norm += a[(r * k) + j] * a[(r * k) + j];
            }

            norm = Math.Sqrt(norm);
            double scale = norm > 1e-12 ? 1 / norm : 0;
            for (int r = 0; r < n; r++)
            {
                a[(r * k) + j] *= scale;
            }
        }
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric [m, m] matrix (cyclic Jacobi). Returns eigenvalues in descending order and the
    /// matching eigenvectors as the columns of a row-major [m, m] matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) SymmetricEigen(double[] matrix, int m)
    {
        double[] a = (double[])matrix.Clone();
        var v = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            v[(i * m) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < m; p++)
            {
                for (int q = p + 1; q < m; q++)
                {
                    off += a[(p * m) + q] * a[(p * m) + q];
                }
            }

            if (off < 1e-22)
            {
                break;
            }

            for (int p = 0; p < m; p++)
            {
                for (int q = p + 1; q < m; q++)
                {
                    double apq = a[(p * m) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (a[(q * m) + q] - a[(p * m) + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1);
                    double s = t * c;
                    for (int r = 0; r < m; r++)
                    {
                        double arp = a[(r * m) + p];
                        double arq = a[(r * m) + q];
                        a[(r * m) + p] = (c * arp) - (s * arq);
                        a[(r * m) + q] = (s * arp) + (c * arq);
                    }

                    for (int r = 0; r < m; r++)
                    {
                        double apr = a[(p * m) + r];
                        double aqr = a[(q * m) + r];
                        a[(p * m) + r] = (c * apr) - (s * aqr);
                        a[(q * m) + r] = (s * apr) + (c * aqr);
                    }

                    for (int r = 0; r < m; r++)
                    {
                        double vrp = v[(r * m) + p];
                        double vrq = v[(r * m) + q];
                        v[(r * m) + p] = (c * vrp) - (s * vrq);
                        v[(r * m) + q] = (s * vrp) + (c * vrq);
                    }
                }
            }
        }

        int[] order = Enumerable.Range(0, m).OrderByDescending(i => a[(i * m) + i]).ToArray();
        var values = new double[m];
        var vectors = new double[m * m];
        for (int j = 0; j < m; j++)
        {
            values[j] = a[(order[j] * m) + order[j]];
            for (int r = 0; r < m; r++)
            {
                vectors[(r * m) + j] = v[(r * m) + order[j]];
            }
        }

        return (values, vectors);
    }
}
