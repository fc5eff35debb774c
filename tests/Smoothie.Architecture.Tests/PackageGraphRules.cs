namespace Smoothie.Architecture.Tests;

/// <summary>
/// The package graph the design allows (docs/architecture.md): the project references each library may have, the
/// packages that must stay independent of each other, the packages that must not bring TorchSharp in, and the rule that
/// a project references directly every Smoothie project whose namespaces it imports and TorchSharp when it imports it.
/// </summary>
internal static class PackageGraphRules
{
    private const string Runtime = "Smoothie.Runtime";
    private const string RuntimeBuild = "Smoothie.Runtime.Build";
    private const string Data = "Smoothie.Data";
    private const string Text = "Smoothie.Text";
    private const string Embeddings = "Smoothie.Embeddings";
    private const string Latent = "Smoothie.Latent";
    private const string Schedulers = "Smoothie.Schedulers";
    private const string Models = "Smoothie.Models";
    private const string Sampling = "Smoothie.Sampling";
    private const string MiniLm = "Smoothie.Embeddings.MiniLM";
    private const string Training = "Smoothie.Training";
    private const string Evaluation = "Smoothie.Evaluation";
    private const string BertScore = "Smoothie.Evaluation.BertScore";
    private const string Diffusion = "Smoothie.Diffusion";
    private const string Autoregressive = "Smoothie.Autoregressive";
    private const string Cli = "Smoothie.Cli";

    /// <summary>
    /// For each library, the projects it may reference, in the order data flows (text → embeddings → latent space →
    /// denoiser → sampler → trainer → pipeline); a project missing here is itself a violation.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> AllowedReferences { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [RuntimeBuild] = Set(),
        [Runtime] = Set(),
        [Data] = Set(),
        [Evaluation] = Set(),
        [Text] = Set(),
        [Embeddings] = Set(Runtime, Text),
        [Latent] = Set(Runtime, Embeddings),
        [Schedulers] = Set(Runtime),
        [Models] = Set(Runtime),
        [Sampling] = Set(Runtime, Embeddings, Latent, Schedulers, Models),
        [MiniLm] = Set(Runtime, Text, Embeddings, Models),
        [Training] = Set(Runtime, Text, Embeddings, Latent, Schedulers, Models, Sampling),
        [BertScore] = Set(Evaluation, MiniLm),
        [Diffusion] = Set(Runtime, Text, Embeddings, Latent, Schedulers, Models, Sampling, MiniLm, Training, Evaluation, BertScore, Data),
        [Autoregressive] = Set(Runtime, Text, Embeddings, MiniLm, Models, Training, Evaluation, Data),
        [Cli] = Set(Runtime, Text, Embeddings, Latent, Schedulers, Models, Sampling, MiniLm, Training, Evaluation, BertScore, Data, Diffusion, Autoregressive),
    };

    /// <summary>Packages none of which may depend, directly or not, on another.</summary>
    public static IReadOnlyList<string> Independent { get; } = [Latent, Schedulers, Models];

    /// <summary>Packages that must not bring TorchSharp in, directly or through their dependencies.</summary>
    public static IReadOnlyList<string> FreeOfTorchSharp { get; } = [Data, Evaluation, Text];

    /// <summary>The package that generates text: it must reach neither the trainer nor the plotting library.</summary>
    public static string Generation => Sampling;

    /// <summary>What generating text must not bring in: the trainer's package and the plotting packages.</summary>
    public static IReadOnlyList<string> NotForGeneration { get; } = [Training, "ScottPlot", "SkiaSharp"];

    /// <summary>The autoregressive baseline: a comparison beside the diffusion packages, never a part of them.</summary>
    public static string Baseline => Autoregressive;

    /// <summary>The diffusion packages, none of which may depend, directly or not, on <see cref="Baseline"/>.</summary>
    public static IReadOnlyList<string> DiffusionPackages { get; } = [Latent, Schedulers, Models, Sampling, Training, Diffusion];

    /// <summary>Every way <paramref name="graph"/> breaks the rules, one sentence each; empty when it follows them.</summary>
    public static IReadOnlyList<string> Violations(PackageGraph graph)
    {
        var violations = new List<string>();
        foreach (ProjectNode node in graph.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (!AllowedReferences.TryGetValue(node.Name, out IReadOnlySet<string>? allowed))
            {
                violations.Add($"{node.Name} is not in the allowed package graph (PackageGraphRules.AllowedReferences, docs/architecture.md): decide where it sits.");
                continue;
            }

            foreach (string reference in node.ProjectReferences.Where(r => !allowed.Contains(r)).Order(StringComparer.Ordinal))
            {
                violations.Add($"{node.Name} references {reference}, which the design does not allow (allowed: {Describe(allowed)}).");
            }

            if (graph.IsInCycle(node.Name))
            {
                violations.Add($"{node.Name} depends on itself through its references.");
            }

            violations.AddRange(UncoveredNamespaces(graph, node));
            if (node.UsesTorchSharp && !node.PackageReferences.Any(p => p.StartsWith("TorchSharp", StringComparison.Ordinal)))
            {
                violations.Add($"{node.Name} imports TorchSharp but does not reference a TorchSharp package directly.");
            }
        }

        foreach (string a in Independent.Where(graph.Nodes.ContainsKey))
        {
            foreach (string b in Independent.Where(b => b != a && graph.Dependencies(a).Contains(b)))
            {
                violations.Add($"{a} depends on {b}; {Describe(Independent)} must stay independent of each other (shared primitives go to {Runtime}).");
            }
        }

        if (graph.Nodes.ContainsKey(Generation))
        {
            IReadOnlySet<string> reached = graph.Dependencies(Generation);
            IReadOnlySet<string> packages = graph.Packages(Generation);
            foreach (string forbidden in NotForGeneration.Where(f => reached.Contains(f) || packages.Any(p => p.StartsWith(f, StringComparison.Ordinal))))
            {
                violations.Add($"{Generation} brings in {forbidden}; generating text must not need the trainer or the plotting library.");
            }
        }

        foreach (string name in DiffusionPackages.Where(n => graph.Nodes.ContainsKey(n) && graph.Dependencies(n).Contains(Baseline)))
        {
            violations.Add($"{name} depends on {Baseline}; the diffusion packages must not need the autoregressive baseline (only the CLI brings both together).");
        }

        foreach (string name in FreeOfTorchSharp.Where(graph.Nodes.ContainsKey))
        {
            string[] torch = graph.Packages(name).Where(p => p.StartsWith("TorchSharp", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            if (torch.Length > 0)
            {
                violations.Add($"{name} brings in {string.Join(", ", torch)}; it must stay free of TorchSharp.");
            }
        }

        return violations;
    }

    private static IEnumerable<string> UncoveredNamespaces(PackageGraph graph, ProjectNode node)
    {
        foreach ((string used, string file) in node.UsedNamespaces.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            bool isType = used.StartsWith("type ", StringComparison.Ordinal);
            string target = isType ? used["type ".Length..] : used;
            string? namespaceOfType = isType && target.LastIndexOf('.') is > 0 and var dot ? target[..dot] : null;
            bool Declares(ProjectNode n) => n.DeclaredNamespaces.Contains(target) || (namespaceOfType is not null && n.DeclaredNamespaces.Contains(namespaceOfType));
            if (Declares(node) || node.ProjectReferences.Any(r => graph.Nodes.TryGetValue(r, out ProjectNode? referenced) && Declares(referenced)))
            {
                continue;
            }

            string[] owners = graph.Nodes.Values.Where(Declares).Select(n => n.Name).Order(StringComparer.Ordinal).ToArray();
            yield return owners.Length == 0
                ? $"{node.Name} imports {target} ({file}), which no project under src/ declares."
                : $"{node.Name} imports {target} ({file}) but does not reference {string.Join(" or ", owners)} directly.";
        }
    }

    private static IReadOnlySet<string> Set(params string[] names) => names.ToHashSet(StringComparer.Ordinal);

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
