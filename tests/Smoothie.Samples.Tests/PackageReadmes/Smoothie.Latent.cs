using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using TorchSharp;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Latent/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieLatentReadme
{
    public static long[] Example(EmbeddingMatrix embeddings)
    {
        // embeddings: an EmbeddingMatrix (Smoothie.Embeddings), e.g. MiniLM's 30,522 x 384.
        ILatentSpace space = new DistanceLatentSpace(embeddings, sigmaMin: 1.5);
        using var scope = torch.NewDisposeScope();
        torch.Tensor ids = torch.tensor(new long[] { 101, 1999, 1996, 2927, 102 }).unsqueeze(0);
        torch.Tensor clean = space.CleanLatent(ids);  // the clean latent the diffusion starts from
        Console.WriteLine($"{space.Name}: [{string.Join(", ", clean.shape)}], latent dimension {space.LatentDimension}");
        return clean.shape;
    }
}
