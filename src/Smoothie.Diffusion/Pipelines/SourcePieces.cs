using Smoothie.Text.Realization;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>The pieces generation rewrites: each source split into rows that fit, remembering which source each row belongs to.</summary>
internal sealed class SourcePieces
{
    private readonly List<int> owners = [];
    private readonly List<long[]> contents = [];
    private readonly List<long[]> rows = [];
    private readonly int sources;

    public SourcePieces(int sources) => this.sources = sources;

    /// <summary>Number of rows.</summary>
    public int Count => rows.Count;

    /// <summary>The source rows (codec ids of the source length).</summary>
    public IReadOnlyList<long[]> Rows => rows;

    /// <summary>The content ids of each row's source piece.</summary>
    public IReadOnlyList<long[]> Contents => contents;

    public void Add(int source, long[] content, long[] row)
    {
        owners.Add(source);
        contents.Add(content);
        rows.Add(row);
    }

    /// <summary>The text of source <paramref name="source"/>: its rows' generated content joined in order, realized against the source text.</summary>
    public string Join(int source, IReadOnlyList<long[]> generated, PipelineEncoder encoder, ITextRealizer realizer, string sourceText, bool removeRepeatedWords)
    {
        if (source < 0 || source >= sources)
        {
            throw new ArgumentOutOfRangeException(nameof(source));
        }

        var content = new List<int>();
        for (int r = 0; r < owners.Count; r++)
        {
            if (owners[r] == source)
            {
                content.AddRange(encoder.TargetContent(generated[r]));
            }
        }

        return realizer.Realize(content, sourceText, removeRepeatedWords);
    }
}
