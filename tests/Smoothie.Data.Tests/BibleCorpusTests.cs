using Smoothie.Data;

namespace Smoothie.Data.Tests;

public class BibleCorpusTests
{
    [Theory]
    [InlineData(BibleSplit.Train, 27_577)]
    [InlineData(BibleSplit.Valid, 1_000)]
    [InlineData(BibleSplit.Test, 1_000)]
    public void SplitsHaveTheDocumentedSizesAndCompleteRows(BibleSplit split, int expected)
    {
        var verses = BibleCorpus.Load(split);
        Assert.Equal(expected, verses.Count);
        Assert.All(verses, v =>
        {
            Assert.False(string.IsNullOrWhiteSpace(v.Ref));
            Assert.False(string.IsNullOrWhiteSpace(v.Kjv));
            Assert.False(string.IsNullOrWhiteSpace(v.Web));
            Assert.False(string.IsNullOrWhiteSpace(v.Spa));
        });
    }

    [Fact]
    public void FirstTestVerseIsGenesis16InAllColumns()
    {
        var first = BibleCorpus.Load(BibleSplit.Test)[0];
        Assert.Equal("Genesis 1:6", first.Ref);
        Assert.StartsWith("And God said, Let there be a firmament", first.Kjv);
        Assert.StartsWith("God said, “Let there be an expanse", first.Web);
        Assert.StartsWith("Y dijo Dios: Haya expansión", first.Spa);
    }

    [Fact]
    public void SplitsAreDisjointByReference()
    {
        var train = BibleCorpus.Load(BibleSplit.Train).Select(v => v.Ref).ToHashSet();
        var valid = BibleCorpus.Load(BibleSplit.Valid).Select(v => v.Ref).ToHashSet();
        var test = BibleCorpus.Load(BibleSplit.Test).Select(v => v.Ref).ToList();
        Assert.Equal(27_577, train.Count);
        Assert.DoesNotContain(test, train.Contains);
        Assert.DoesNotContain(test, valid.Contains);
        Assert.False(train.Overlaps(valid));
    }

    [Fact]
    public void PairsSelectColumnsAndUseTheReferenceAsId()
    {
        var pairs = BibleCorpus.Pairs(BibleSplit.Test, "spa", "KJV");
        var verses = BibleCorpus.Load(BibleSplit.Test);
        Assert.Equal(1_000, pairs.Count);
        Assert.Equal(new Seq2SeqPair(verses[5].Spa, verses[5].Kjv, verses[5].Ref), pairs[5]);
    }

    [Fact]
    public void UnknownColumnListsTheCorpusColumns()
    {
        var e = Assert.Throws<MissingColumnException>(() => BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "niv"));
        Assert.Equal("targetColumn", e.ParamName);
        Assert.Contains("'ref', 'kjv', 'web', 'spa'", e.Message);
    }

    [Fact]
    public void UnknownSplitIsRejected()
    {
        Assert.Throws<ArgumentException>(() => BibleCorpus.Load((BibleSplit)7));
    }

    [Fact]
    public void BundledTestSplitMatchesTheSharedFileWhenPresent()
    {
        // The corpus must not need /work/shared; this only cross-checks the bytes when the shared copy exists.
        string? dir = FindSharedBible();
        if (dir is null)
        {
            return;
        }

        using TextReader bundled = BibleCorpus.OpenTsv(BibleSplit.Test);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "test.tsv")), bundled.ReadToEnd());
    }

    [Theory]
    [InlineData(BibleSplit.Train, "8a44313ec3cdad7ac8d4f8b1f1dcaccdb92cacefb369dae715f90e8f1ea4085b")]
    [InlineData(BibleSplit.Valid, "69bfeb90c8d782b8779a3e244d2f9ff7c60c7977a594af5a47d3c233a2d11bdc")]
    [InlineData(BibleSplit.Test, "e640365c5e912f04c44ae83039515580bb57ae7f0b7c37d3d4c5a9e41386cb54")]
    public void BundledSplitHasTheHashOfTheSharedFile(BibleSplit split, string sha256)
    {
        // The hashes are those of ../shared/data/bible/{split}.tsv after the 2026-12-01 re-sync (the WEB glossary cut
        // from Revelation 22:21); when the shared copy is present its bytes are checked against the same hash.
        using TextReader bundled = BibleCorpus.OpenTsv(split);
        Assert.Equal(sha256, Sha256(System.Text.Encoding.UTF8.GetBytes(bundled.ReadToEnd())));
        if (FindSharedBible() is { } dir)
        {
            Assert.Equal(sha256, Sha256(File.ReadAllBytes(Path.Combine(dir, $"{split.ToString().ToLowerInvariant()}.tsv"))));
        }
    }

    [Fact]
    public void BundledTrainingSplitHasNoGlossaryRow()
    {
        Assert.All(BibleCorpus.Load(BibleSplit.Train), v => Assert.True(v.Web.Split(' ').Length < 400, $"{v.Ref}: {v.Web.Split(' ').Length} words"));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static string? FindSharedBible()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(d.FullName, "shared", "data", "bible"), Path.Combine(d.FullName, "..", "shared", "data", "bible") })
            {
                if (File.Exists(Path.Combine(candidate, "test.tsv")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
