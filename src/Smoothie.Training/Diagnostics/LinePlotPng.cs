using Smoothie.Models.Checkpoints;
using Smoothie.Native.Files;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Smoothie.Training.Diagnostics;

/// <summary>
/// A dependency-free PNG line chart: one or more series over a shared x axis, drawn with distinct colours on a white
/// background with a light grid (10 divisions per axis). Used for the per-t diagnostic curves; the same numbers are
/// always written as CSV/JSON too, so the picture needs no text.
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
    /// <param name="series">Each series' y values, same length as <paramref name="x"/>; NaN values are skipped.</param>
    /// <param name="yMin">Lower bound of the y axis.</param>
    /// <param name="yMax">Upper bound of the y axis.</param>
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

        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        const int margin = 20;
        int plotW = width - (2 * margin), plotH = height - (2 * margin);
        double xMin = x[0], xMax = x[^1];
        if (!(xMax > xMin))
        {
            throw new ArgumentException("The x values must span a positive range.", nameof(x));
        }

        for (int i = 0; i <= 10; i++)
        {
            int gx = margin + (plotW * i / 10), gy = margin + (plotH * i / 10);
            byte shade = i is 0 or 10 ? (byte)0 : (byte)225;
            Line(pixels, width, height, gx, margin, gx, margin + plotH, (shade, shade, shade));
            Line(pixels, width, height, margin, gy, margin + plotW, gy, (shade, shade, shade));
        }

        for (int s = 0; s < series.Count; s++)
        {
            (int X, int Y)? previous = null;
            for (int i = 0; i < x.Count; i++)
            {
                double y = series[s][i];
                if (double.IsNaN(y))
                {
                    previous = null;
                    continue;
                }

                int px = margin + (int)Math.Round((x[i] - xMin) / (xMax - xMin) * plotW);
                int py = margin + plotH - (int)Math.Round((Math.Clamp(y, yMin, yMax) - yMin) / (yMax - yMin) * plotH);
                if (previous is { } p)
                {
                    Line(pixels, width, height, p.X, p.Y, px, py, ColorOf(s));
                    Line(pixels, width, height, p.X, p.Y + 1, px, py + 1, ColorOf(s));
                }

                previous = (px, py);
            }
        }

        AtomicFile.Write(path, stream => Encode(stream, pixels, width, height));
    }

    private static void Line(byte[] pixels, int width, int height, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) c)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1, dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1, err = dx + dy;
        while (true)
        {
            if (x0 >= 0 && x0 < width && y0 >= 0 && y0 < height)
            {
                int o = ((y0 * width) + x0) * 3;
                pixels[o] = c.R;
                pixels[o + 1] = c.G;
                pixels[o + 2] = c.B;
            }

            if (x0 == x1 && y0 == y1)
            {
                break;
            }

            int e2 = 2 * err;
            if (e2 >= dy)
            {
                err += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static void Encode(Stream stream, byte[] rgb, int width, int height)
    {
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        Chunk(stream, "IHDR", header);

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(rgb, y * width * 3, width * 3);
            }
        }

        Chunk(stream, "IDAT", raw.ToArray());
        Chunk(stream, "IEND", []);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        uint crc = Crc32(typeBytes, 0xFFFFFFFFu, finish: false);
        crc = Crc32(data, crc, finish: true);
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        stream.Write(crcBytes);
    }

    private static uint Crc32(byte[] data, uint crc, bool finish)
    {
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return finish ? ~crc : crc;
    }
}
