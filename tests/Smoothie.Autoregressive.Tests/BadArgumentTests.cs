using Smoothie.Autoregressive.Configuration;
using Smoothie.Autoregressive.Decoding;

namespace Smoothie.Autoregressive.Tests;

/// <summary>Bad input gets an error that names the argument and what was expected.</summary>
public sealed class BadArgumentTests
{
    [Theory]
    [InlineData(0, 1.0, 32, "BeamWidth")]
    [InlineData(2, -1.0, 32, "LengthPenalty")]
    [InlineData(2, 1.0, 0, "BatchSize")]
    public void DecodingOptionsOutOfRangeAreRejected(int width, double penalty, int batch, string field)
    {
        using AutoregressiveModel model = TinyAutoregressive.Untrained();

        var error = Assert.Throws<ArgumentException>(() => model.Generate(["And God said"], new DecodingOptions { BeamWidth = width, LengthPenalty = penalty, BatchSize = batch }));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreTokensThanTheDecoderHasPositionsAreRejected()
    {
        using AutoregressiveModel model = TinyAutoregressive.Untrained();

        var error = Assert.Throws<ArgumentException>(() => model.Generate(["And God said"], new DecodingOptions { MaxTokens = 100 }));
        Assert.Contains("MaxTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullSourceIsRejectedWithItsIndex()
    {
        using AutoregressiveModel model = TinyAutoregressive.Untrained();

        var error = Assert.Throws<ArgumentException>(() => model.Generate(["And God said", null!]));
        Assert.Contains("Source 1 is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowLengthsTheNetworkCannotHoldAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => AutoregressiveModel.Create(TinyAutoregressive.Settings with { TargetLength = 2 }, ["and god said"]));
        Assert.Contains("TargetLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffusionOnlyTrainingOptionsAreRejected()
    {
        using AutoregressiveModel model = TinyAutoregressive.Untrained();
        string folder = TinyAutoregressive.TemporaryFolder();
        try
        {
            var error = Assert.Throws<ArgumentException>(() => model.Train(TinyAutoregressive.CopyPairs, null, TinyAutoregressive.Options(2) with { ConditionDropout = 0.1 }, folder));
            Assert.Contains("ConditionDropout", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TrainingPairsWhoseTargetsAllDoNotFitAreRejected()
    {
        using AutoregressiveModel model = TinyAutoregressive.Untrained();
        string folder = TinyAutoregressive.TemporaryFolder();
        try
        {
            string longText = string.Join(' ', Enumerable.Repeat("and god said", 10));
            var error = Assert.Throws<ArgumentException>(() => model.Train([new Smoothie.Data.Seq2SeqPair("and", longText)], null, TinyAutoregressive.Options(2), folder));
            Assert.Contains("target length", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LoadingAMissingOrForeignFolderSaysWhatIsWrong()
    {
        Assert.Throws<DirectoryNotFoundException>(() => AutoregressiveModel.Load(Path.Combine(Path.GetTempPath(), "smoothie-ar-tests", "missing-" + Guid.NewGuid().ToString("N"))));
        string folder = TinyAutoregressive.TemporaryFolder();
        try
        {
            var notAModel = Assert.Throws<InvalidDataException>(() => AutoregressiveModel.Load(folder));
            Assert.Contains(AutoregressiveFolder.ConfigurationFile, notAModel.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, AutoregressiveFolder.ConfigurationFile), new AutoregressiveSettings { FormatVersion = 9 }.ToJson());
            var version = Assert.Throws<InvalidDataException>(() => AutoregressiveModel.Load(folder));
            Assert.Contains("FormatVersion", version.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
