using System.Globalization;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>Checks that the Bible sub-vocabulary gives the same outputs as the full vocabulary for in-vocabulary tokens.</summary>
internal static class SubVocabularyCheck
{
    public static int Run()
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        var sub = bible.SubVocabulary;
        long[] ids = bible.FullTargets.SelectMany(r => r).Take(Workloads.Rows).ToArray();
        using var scope = NewDisposeScope();
        Tensor full = tensor(ids);
        Tensor subIds = sub.ToSub(full);
        Tensor subColumns = sub.OriginalIdsTensor();
        var fullSpace = new DistanceLatentSpace(bible.Full, sigmaMin: ArctanParameters.Paper.SigmaMin);
        var subSpace = new DistanceLatentSpace(bible.Sub, sigmaMin: ArctanParameters.Paper.SigmaMin);

        // 1. Clean latents: the sub latent is the full latent restricted to the kept columns.
        Tensor fullLatent = fullSpace.CleanLatent(full).index_select(1, subColumns);
        Tensor subLatent = subSpace.CleanLatent(subIds);
        double maxDiff = (fullLatent - subLatent).abs().max().item<float>();
        double scale = fullLatent.abs().max().item<float>();

        // 2. Decoding the clean embeddings and noisy predictions.
        Tensor rows = bible.Full.Weights.index_select(0, full);
        bool cleanSame = sub.ToOriginal(subSpace.Decode(bible.Sub.Weights.index_select(0, subIds))).eq(fullSpace.Decode(rows)).all().item<bool>();
        manual_seed(1);
        Tensor noisy = rows + (randn_like(rows) * 0.3);
        Tensor fullDecode = fullSpace.Decode(noisy);
        Tensor subDecode = sub.ToOriginal(subSpace.Decode(noisy));
        Tensor inSub = tensor(fullDecode.data<long>().ToArray().Select(id => sub.Contains((int)id)).ToArray());
        double agreeInSub = subDecode.eq(fullDecode).logical_and(inSub).sum().item<long>() / (double)Math.Max(1, inSub.sum().item<long>());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sub-vocabulary: V {bible.Full.VocabularySize} -> {bible.Sub.VocabularySize}; {ids.Length} target positions of the Bible train split"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clean latent (kept columns): max |full - sub| = {maxDiff:G3} (latent magnitude up to {scale:G3})"));
        Console.WriteLine($"decode of clean embeddings identical: {cleanSame}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decode of noisy predictions (E_w + 0.3·N(0,I)): same token in {100 * agreeInSub:F2}% of the positions whose full-vocabulary answer is in the sub-vocabulary ({inSub.sum().item<long>()} of {ids.Length})"));
        return cleanSame ? 0 : 1;
    }
}
