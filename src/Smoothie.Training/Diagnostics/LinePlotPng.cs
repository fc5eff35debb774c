using ScottPlot;
using Smoothie.Runtime.Files;

namespace Smoothie.Training.Diagnostics;

/// <summary>
/// A PNG line chart drawn by ScottPlot (SkiaSharp, headless): one or more series over a shared x axis, in distinct
/// colours on a white background with a grid and tick labels. Used for the per-t diagnostic curves; the same numbers
/// are always written as CSV/JSON too.
/// </summary>
public static class LinePlotPng
{
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
    ];

    /// <summary>The colour used for the series at <paramref name="index"/> (RGB), for legends written beside the plot.</summary>
    /// <param name="index">The series index.</param>
    public static (byte R, byte G, byte B) ColorOf(int index) => Palette[index % Palette.Length];

    /// <summary>Draws the series and writes a PNG.</summary>
    /// <param name="path">The output file (written atomically).</param>
    /// <param name="x">The shared x values (ascending).</param>
    /// <param name="series">Each series' y values, same length as <paramref name="x"/>; NaN values are skipped (the line breaks there).</param>
    /// <param name="yMin">Lower bound of the y axis (values below are drawn at it).</param>
    /// <param name="yMax">Upper bound of the y axis (values above are drawn at it).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void Write(string path, IReadOnlyList<double> x, IReadOnlyList<IReadOnlyList<double>> series, double yMin, double yMax, int width = 640, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        if (x.Count < 2)
        {
            throw new ArgumentException("At least two x values are needed.", nameof(x));
        }

        foreach (IReadOnlyList<double> s in series)
        {
            if (s.Count != x.Count)
            {
                throw new ArgumentException($"Every series needs {x.Count} values (one per x), got {s.Count}.", nameof(series));
            }
        }

        if (!(yMax > yMin))
        {
            throw new ArgumentException($"yMax ({yMax}) must exceed yMin ({yMin}).", nameof(yMax));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);
        double xMin = x[0], xMax = x[^1];
        if (!(xMax > xMin))
        {
            throw new ArgumentException("The x values must span a positive range.", nameof(x));
        }

        using var plot = new Plot();
        for (int s = 0; s < series.Count; s++)
        {
            (byte r, byte g, byte b) = ColorOf(s);
            foreach ((double[] xs, double[] ys) in Segments(x, series[s], yMin, yMax))
            {
                var line = plot.Add.ScatterLine(xs, ys, new Color(r, g, b));
                line.LineWidth = 2;
                line.LineStyle.AntiAlias = false;
            }
        }

        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>The runs of consecutive non-NaN points (two or more), with y clamped to the axis.</summary>
    private static IEnumerable<(double[] X, double[] Y)> Segments(IReadOnlyList<double> x, IReadOnlyList<double> y, double yMin, double yMax)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i <= x.Count; i++)
        {
            if (i < x.Count && !double.IsNaN(y[i]))
            {
                xs.Add(x[i]);
                ys.Add(Math.Clamp(y[i], yMin, yMax));
                continue;
            }

            if (xs.Count >= 2)
            {
                yield return (xs.ToArray(), ys.ToArray());
            }

            xs.Clear();
            ys.Clear();
        }
    }
}
