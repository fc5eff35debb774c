using System.Runtime.CompilerServices;
using Smoothie.Latent.Spaces;

// LatentChunking moved to Smoothie.Core (same namespace) so that Smoothie.Schedulers need not reference Smoothie.Latent;
// assemblies compiled against an earlier Smoothie.Latent still find it here.
[assembly: TypeForwardedTo(typeof(LatentChunking))]
