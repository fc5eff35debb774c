using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

public class SubVocabularyTests
{
    public SubVocabularyTests() => TorchSharpRuntime.EnsureLoaded();

    [Fact]
    public void FromTargetsKeepsSortedUnionOfTargetsAndRequiredIds()
    {
        SubVocabulary sub = SubVocabulary.FromTargets([[7, 3, 7], [12, 3], []], [0, 101, 102], 200);
        Assert.Equal(new[] { 0, 3, 7, 12, 101, 102 }, sub.OriginalIds);
        Assert.Equal(6, sub.Count);
        Assert.Equal(200, sub.OriginalVocabularySize);
        Assert.Equal(2, sub.ToSub(7));
        Assert.Equal(12, sub.ToOriginal(3));
        Assert.True(sub.Contains(101));
        Assert.False(sub.Contains(4));
        Assert.False(sub.Contains(-1));
    }

    [Fact]
    public void ManagedAndTensorMappingsRoundTrip()
    {
        var random = new Random(11);
        int[][] targets = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 12).Select(_ => random.Next(1000)).ToArray()).ToArray();
        SubVocabulary sub = SubVocabulary.FromTargets(targets, [0], 1000);
        int[] flat = targets.SelectMany(x => x).ToArray();

        int[] subIds = sub.ToSub(flat);
        Assert.All(subIds, id => Assert.InRange(id, 0, sub.Count - 1));
        Assert.Equal(flat, sub.ToOriginal(subIds));

        using Tensor original = torch.tensor(flat, ScalarType.Int64).reshape(50, 12);
        using Tensor mapped = sub.ToSub(original);
        Assert.Equal(new long[] { 50, 12 }, mapped.shape);
        Assert.Equal(subIds.Select(x => (long)x), mapped.data<long>().ToArray());
        using Tensor back = sub.ToOriginal(mapped);
        Assert.True(back.IsEqualTo(original));
    }

    [Fact]
    public void IdsOutsideTheSubVocabularyAreClearErrors()
    {
        var sub = new SubVocabulary([1, 5, 9], 10);
        var managed = Assert.Throws<ArgumentException>(() => sub.ToSub([1, 4]));
        Assert.Equal("originalIds", managed.ParamName);
        Assert.Contains("Token id 4 is not in the sub-vocabulary", managed.Message);

        using Tensor ids = torch.tensor(new long[] { 1, 5, 6 });
        var tensor = Assert.Throws<ArgumentException>(() => sub.ToSub(ids));
        Assert.Equal("originalIds", tensor.ParamName);
        Assert.Contains("Token id 6", tensor.Message);

        using Tensor outOfRange = torch.tensor(new long[] { 10 });
        Assert.Equal("originalIds", Assert.Throws<ArgumentException>(() => sub.ToSub(outOfRange)).ParamName);

        using Tensor badSub = torch.tensor(new long[] { 3 });
        Assert.Equal("subIds", Assert.Throws<ArgumentException>(() => sub.ToOriginal(badSub)).ParamName);
        Assert.Equal("subId", Assert.Throws<ArgumentOutOfRangeException>(() => sub.ToOriginal(3)).ParamName);

        using Tensor floats = torch.tensor(new float[] { 1 });
        Assert.Equal("originalIds", Assert.Throws<ArgumentException>(() => sub.ToSub(floats)).ParamName);
    }

    [Fact]
    public void ConstructionValidatesIds()
    {
        Assert.Equal("originalIds", Assert.Throws<ArgumentException>(() => new SubVocabulary([10], 10)).ParamName);
        Assert.Equal("originalIds", Assert.Throws<ArgumentException>(() => new SubVocabulary([], 10)).ParamName);
        Assert.Equal("originalVocabularySize", Assert.Throws<ArgumentException>(() => new SubVocabulary([0], 0)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => SubVocabulary.FromTargets([[3, -1]], [], 10)).ParamName);
    }
}
