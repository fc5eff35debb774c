using System.Buffers.Binary;
using System.IO.Compression;
using Smoothie.Training.Diagnostics;

namespace Smoothie.Training.Tests;

public sealed class LinePlotPngTests
{
    [Fact]
    public void WritesAValidPngWithTheSeriesDrawn()
    {
        string path = Path.Combine(Path.GetTempPath(), $"plot-{Guid.NewGuid():N}.png");
        try
        {
            double[] x = [0, 0.5, 1];
            LinePlotPng.Write(path, x, [new double[] { 0, 1, 0 }], 0, 1, width: 100, height: 80);
            byte[] png = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal(100, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(80, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

            int idat = IndexOf(png, "IDAT"u8.ToArray());
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(idat - 4));
            using var inflate = new ZLibStream(new MemoryStream(png, idat + 4, length), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            inflate.CopyTo(raw);
            byte[] pixels = raw.ToArray();
            Assert.Equal(80 * ((100 * 3) + 1), pixels.Length);
            var (r, g, b) = LinePlotPng.ColorOf(0);
            Assert.Contains(Enumerable.Range(0, pixels.Length - 2), i => pixels[i] == r && pixels[i + 1] == g && pixels[i + 2] == b);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MismatchedSeriesLengthIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => LinePlotPng.Write("unused.png", [0.0, 1.0], [new double[] { 1 }], 0, 1));
        Assert.Equal("series", e.ParamName);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
