using System.Buffers.Binary;
using SkiaSharp;
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

            using SKBitmap image = SKBitmap.Decode(png);
            Assert.Equal((100, 80), (image.Width, image.Height));
            var (r, g, b) = LinePlotPng.ColorOf(0);
            var drawn = new SKColor(r, g, b);
            Assert.Contains(image.Pixels, p => p == drawn);
            Assert.DoesNotContain(image.Pixels, p => p == ToSkColor(LinePlotPng.ColorOf(1)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EverySeriesIsDrawnInItsColourAndNaNBreaksTheLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"plot-{Guid.NewGuid():N}.png");
        try
        {
            double[] x = [0, 0.25, 0.5, 0.75, 1];
            LinePlotPng.Write(path, x, [new double[] { 0.1, 0.2, 0.3, 0.4, 0.5 }, new double[] { 0.9, 0.8, double.NaN, 0.6, 0.5 }, new double[] { double.NaN, 0.5, double.NaN, 0.5, double.NaN }], 0, 1);

            using SKBitmap image = SKBitmap.Decode(path);
            Assert.Equal((640, 400), (image.Width, image.Height));
            Assert.Contains(image.Pixels, p => p == ToSkColor(LinePlotPng.ColorOf(0)));
            Assert.Contains(image.Pixels, p => p == ToSkColor(LinePlotPng.ColorOf(1)));
            Assert.DoesNotContain(image.Pixels, p => p == ToSkColor(LinePlotPng.ColorOf(2)));
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

    private static SKColor ToSkColor((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);
}
