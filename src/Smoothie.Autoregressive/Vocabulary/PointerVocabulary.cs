using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Autoregressive.Vocabulary;

/// <summary>
/// The vocabularies of the pointer-generator: the output vocabulary it writes with — the same target sub-vocabulary the
/// diffusion pipeline restricts its latent space to (every codec token of the training targets plus the special
/// tokens) — extended per source row by the source tokens it lacks, which can only be copied
/// (<see cref="SourceExtension"/>). Maps codec ids to output ids and back.
/// </summary>
public sealed class PointerVocabulary
{
    private readonly int unknownOutputId;

    /// <summary>Creates the vocabulary.</summary>
    /// <param name="output">The output vocabulary, a sub-vocabulary of the codec's; must hold the end and padding tokens (and [UNK] when the codec has one).</param>
    /// <param name="codec">The text codec.</param>
    /// <exception cref="ArgumentException">A required special token is missing from <paramref name="output"/>, or the vocabulary sizes disagree.</exception>
    public PointerVocabulary(SubVocabulary output, ITextCodec codec)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(codec);
        if (output.OriginalVocabularySize != codec.VocabularySize)
        {
            throw new ArgumentException($"The output vocabulary is a subset of {output.OriginalVocabularySize} tokens, but the codec has {codec.VocabularySize}.", nameof(output));
        }

        foreach ((int id, string name) in new[] { (codec.EndId, "end"), (codec.PadId, "padding") })
        {
            if (!output.Contains(id))
            {
                throw new ArgumentException($"The output vocabulary must hold the codec's {name} token (id {id}).", nameof(output));
            }
        }

        if (codec.UnknownId is { } unknown && !output.Contains(unknown))
        {
            throw new ArgumentException($"The output vocabulary must hold the codec's unknown token (id {unknown}).", nameof(output));
        }

        Output = output;
        Codec = codec;
        unknownOutputId = output.ToSub(codec.UnknownId ?? codec.PadId);
    }

    /// <summary>The output vocabulary (a sub-vocabulary of the codec's).</summary>
    public SubVocabulary Output { get; }

    /// <summary>The text codec.</summary>
    public ITextCodec Codec { get; }

    /// <summary>V: the size of the output vocabulary.</summary>
    public int Size => Output.Count;

    /// <summary>The output id of the end token.</summary>
    public long EndOutputId => Output.ToSub(Codec.EndId);

    /// <summary>
    /// The output vocabulary of training targets: every codec token they contain plus the padding, end, start and
    /// unknown tokens (what <c>SmoothieBuilder.UseSubVocabularyOf</c> keeps).
    /// </summary>
    /// <param name="codec">The text codec.</param>
    /// <param name="targets">The training targets.</param>
    public static PointerVocabulary FromTargets(ITextCodec codec, IEnumerable<string> targets)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(targets);
        var required = new List<int> { codec.PadId, codec.EndId };
        if (codec.StartId is { } start)
        {
            required.Add(start);
        }

        if (codec.UnknownId is { } unknown)
        {
            required.Add(unknown);
        }

        return new PointerVocabulary(SubVocabulary.FromTargets(targets.Select(t => codec.Tokenize(t).ToArray()), required, codec.VocabularySize), codec);
    }

    /// <summary>The extended ids of one source row of codec ids.</summary>
    /// <param name="sourceRow">Codec ids of a framed source row.</param>
    public SourceExtension Extend(ReadOnlySpan<long> sourceRow)
    {
        var ids = new long[sourceRow.Length];
        var sourceOnly = new List<int>();
        var extendedIdOf = new Dictionary<int, long>();
        for (int i = 0; i < sourceRow.Length; i++)
        {
            int codecId = checked((int)sourceRow[i]);
            if (!extendedIdOf.TryGetValue(codecId, out long id))
            {
                if (Output.Contains(codecId))
                {
                    id = Output.ToSub(codecId);
                }
                else
                {
                    id = Size + sourceOnly.Count;
                    sourceOnly.Add(codecId);
                }

                extendedIdOf[codecId] = id;
            }

            ids[i] = id;
        }

        return new SourceExtension(ids, [.. sourceOnly], extendedIdOf);
    }

    /// <summary>
    /// The id a target token is scored as: its output id when the output vocabulary has it, else its extended id when the
    /// source has it (it can only be copied), else the unknown token's output id.
    /// </summary>
    /// <param name="codecId">A target codec id.</param>
    /// <param name="source">The extension of the row's source.</param>
    public long TargetIdOf(int codecId, SourceExtension source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Output.Contains(codecId))
        {
            return Output.ToSub(codecId);
        }

        return source.ExtendedIdOf(codecId) ?? unknownOutputId;
    }

    /// <summary>The codec id of an extended id chosen by the decoder.</summary>
    /// <param name="extendedId">An id in <c>[0, V + source-only count)</c>.</param>
    /// <param name="source">The extension of the row's source.</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the row's extended vocabulary.</exception>
    public int CodecIdOf(long extendedId, SourceExtension source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (extendedId >= 0 && extendedId < Size)
        {
            return Output.ToOriginal((int)extendedId);
        }

        long k = extendedId - Size;
        if (k >= 0 && k < source.SourceOnlyCodecIds.Count)
        {
            return source.SourceOnlyCodecIds[(int)k];
        }

        // A slot another row of the batch needed: it has no probability mass for this row; read it as unknown.
        return extendedId >= 0 ? Output.ToOriginal(unknownOutputId) : throw new ArgumentOutOfRangeException(nameof(extendedId), extendedId, "Extended ids are non-negative.");
    }
}
