namespace Smoothie.Text;

/// <summary>
/// The shared fixed-length layout of every <see cref="ITextCodec"/>: start/end tokens, padding, recorded truncation,
/// batch encoding and stop-at-end decoding. Subclasses supply tokenization of content and detokenization of content ids.
/// </summary>
public abstract class TextCodec : ITextCodec
{
    private readonly HashSet<int> _specialIds;

    /// <summary>Initialises the shared state.</summary>
    /// <param name="tokens">The vocabulary in id order.</param>
    /// <param name="padId">See <see cref="PadId"/>.</param>
    /// <param name="startId">See <see cref="StartId"/>.</param>
    /// <param name="endId">See <see cref="EndId"/>.</param>
    /// <param name="unknownId">See <see cref="UnknownId"/>.</param>
    /// <param name="otherSpecialIds">Further ids skipped when decoding (e.g. <c>[MASK]</c>).</param>
    /// <param name="truncationPolicy">See <see cref="TruncationPolicy"/>.</param>
    protected TextCodec(
        IReadOnlyList<string> tokens,
        int padId,
        int? startId,
        int endId,
        int? unknownId,
        IEnumerable<int> otherSpecialIds,
        TruncationPolicy truncationPolicy)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(otherSpecialIds);
        Tokens = tokens;
        PadId = CheckId(padId, nameof(padId));
        StartId = startId is { } s ? CheckId(s, nameof(startId)) : null;
        EndId = CheckId(endId, nameof(endId));
        UnknownId = unknownId is { } u ? CheckId(u, nameof(unknownId)) : null;
        if (!Enum.IsDefined(truncationPolicy))
        {
            throw new ArgumentException($"Unknown truncation policy {truncationPolicy}.", nameof(truncationPolicy));
        }

        TruncationPolicy = truncationPolicy;
        _specialIds = [padId, endId];
        if (startId is { } start)
        {
            _specialIds.Add(start);
        }

        if (unknownId is { } unknown)
        {
            _specialIds.Add(unknown);
        }

        foreach (int id in otherSpecialIds)
        {
            _specialIds.Add(CheckId(id, nameof(otherSpecialIds)));
        }
    }

    /// <inheritdoc/>
    public int VocabularySize => Tokens.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Tokens { get; }

    /// <inheritdoc/>
    public int PadId { get; }

    /// <inheritdoc/>
    public int? StartId { get; }

    /// <inheritdoc/>
    public int EndId { get; }

    /// <inheritdoc/>
    public int? UnknownId { get; }

    /// <inheritdoc/>
    public TruncationPolicy TruncationPolicy { get; }

    /// <inheritdoc/>
    public TruncationRecord Truncations { get; } = new();

    /// <summary>The smallest valid sequence length: the special tokens plus one content token.</summary>
    public int MinimumLength => (StartId is null ? 1 : 2) + 1;

    /// <inheritdoc/>
    public bool IsSpecial(int id) => _specialIds.Contains(id);

    /// <inheritdoc/>
    public IReadOnlyList<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenizeContent(text);
    }

    /// <inheritdoc/>
    public EncodedText Encode(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckLength(length);
        var ids = new int[length];
        int used = Write(text, ids, out int contentTokens, out int dropped);
        return new EncodedText(ids, used, contentTokens, dropped);
    }

    /// <inheritdoc/>
    public EncodedBatch EncodeBatch(IReadOnlyList<string> texts, int length)
    {
        ArgumentNullException.ThrowIfNull(texts);
        CheckLength(length);
        var ids = new long[(long)texts.Count * length];
        var used = new int[texts.Count];
        var truncated = new List<int>();
        var row = new int[length];
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts));
            used[i] = Write(text, row, out _, out int dropped);
            if (dropped > 0)
            {
                truncated.Add(i);
            }

            Span<long> target = ids.AsSpan(i * length, length);
            for (int j = 0; j < length; j++)
            {
                target[j] = row[j];
            }
        }

        return new EncodedBatch(ids, texts.Count, length, used, truncated);
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var content = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            if (!Keep(id, i, content))
            {
                break;
            }
        }

        return DetokenizeContent(content);
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<long> ids)
    {
        var content = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            long id = ids[i];
            if (id < 0 || id >= VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"Id {id} at position {i} is outside the vocabulary [0, {VocabularySize}).");
            }

            if (!Keep((int)id, i, content))
            {
                break;
            }
        }

        return DetokenizeContent(content);
    }

    /// <summary>Tokenizes content (no special tokens) to ids.</summary>
    /// <param name="text">The text.</param>
    protected abstract IReadOnlyList<int> TokenizeContent(string text);

    /// <summary>Turns content ids (special tokens already removed) into clean text.</summary>
    /// <param name="contentIds">Content ids in order.</param>
    protected abstract string DetokenizeContent(IReadOnlyList<int> contentIds);

    private bool Keep(int id, int position, List<int> content)
    {
        if ((uint)id >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException("ids", $"Id {id} at position {position} is outside the vocabulary [0, {VocabularySize}).");
        }

        if (id == EndId)
        {
            return false;
        }

        if (!_specialIds.Contains(id))
        {
            content.Add(id);
        }

        return true;
    }

    private int Write(string text, Span<int> ids, out int contentTokens, out int dropped)
    {
        IReadOnlyList<int> content = TokenizeContent(text);
        int specials = StartId is null ? 1 : 2;
        int room = ids.Length - specials;
        contentTokens = content.Count;
        dropped = Math.Max(0, content.Count - room);
        if (dropped > 0 && TruncationPolicy == TruncationPolicy.Throw)
        {
            throw new ArgumentException(
                $"The text has {content.Count} tokens but only {room} fit in length {ids.Length} "
                + $"(with {specials} special tokens); the truncation policy is {TruncationPolicy.Throw}. Text starts: "
                + $"'{(text.Length > 60 ? text[..60] + "…" : text)}'.",
                nameof(text));
        }

        Truncations.Add(content.Count, dropped);
        int p = 0;
        if (StartId is { } start)
        {
            ids[p++] = start;
        }

        int kept = content.Count - dropped;
        for (int i = 0; i < kept; i++)
        {
            ids[p++] = content[i];
        }

        ids[p++] = EndId;
        ids[p..].Fill(PadId);
        return p;
    }

    private void CheckLength(int length)
    {
        if (length < MinimumLength)
        {
            throw new ArgumentException(
                $"The sequence length must be at least {MinimumLength} (special tokens plus one content token), got {length}.",
                nameof(length));
        }
    }

    private int CheckId(int id, string name)
    {
        if ((uint)id >= (uint)Tokens.Count)
        {
            throw new ArgumentException($"The id {id} is outside the vocabulary [0, {Tokens.Count}).", name);
        }

        return id;
    }
}
