using System.Text;
using Microsoft.ML.Tokenizers;

namespace Smoothie.Text;

/// <summary>
/// BERT WordPiece codec over Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>, built from a <c>vocab.txt</c>
/// (one token per line, id = line number). Uncased mode lower-cases and strips accents before tokenization
/// (bert-base-uncased behaviour); cased mode keeps both. Sequences are <c>[CLS] content… [SEP] [PAD]…</c>, or without
/// special tokens <c>content… [PAD]…</c> (Hugging Face's <c>add_special_tokens=False</c>, as the authors' trainer encodes;
/// decoding then stops at the first <c>[PAD]</c> and skips <c>[CLS]</c>/<c>[SEP]</c>).
/// Decoding joins <c>##</c> continuation pieces and removes the spaces WordPiece puts before punctuation and
/// contractions (Hugging Face's <c>clean_up_tokenization</c>, plus <c>: ;</c> and brackets by default; see <see cref="Cleanup"/>).
/// </summary>
public sealed class WordPieceTextCodec : TextCodec
{
    private readonly BertTokenizer _tokenizer;

    private WordPieceTextCodec(IReadOnlyList<string> tokens, BertTokenizer tokenizer, bool lowerCase, TruncationPolicy policy, bool specialTokens)
        : base(
            tokens,
            tokenizer.PaddingTokenId,
            specialTokens ? tokenizer.ClassificationTokenId : null,
            specialTokens ? tokenizer.SeparatorTokenId : tokenizer.PaddingTokenId,
            tokenizer.UnknownTokenId,
            specialTokens ? [tokenizer.MaskingTokenId] : [tokenizer.MaskingTokenId, tokenizer.ClassificationTokenId, tokenizer.SeparatorTokenId],
            policy)
    {
        _tokenizer = tokenizer;
        LowerCase = lowerCase;
    }

    /// <summary>Whether sequences are framed by <c>[CLS]</c> … <c>[SEP]</c> (true, the default) or are bare content then <c>[PAD]</c>.</summary>
    public bool HasSpecialTokens => StartId is not null;

    /// <summary>Whether text is lower-cased and accent-stripped before tokenization.</summary>
    public bool LowerCase { get; }

    /// <summary>The id of <c>[MASK]</c>.</summary>
    public int MaskId => _tokenizer.MaskingTokenId;

    /// <summary>
    /// How decoding removes the spaces WordPiece leaves around punctuation (default <see cref="DetokenizationCleanup.Punctuation"/>;
    /// <see cref="DetokenizationCleanup.HuggingFace"/> reproduces <c>tokenizer.decode</c> of Hugging Face exactly).
    /// </summary>
    public DetokenizationCleanup Cleanup { get; set; } = DetokenizationCleanup.Punctuation;

    /// <summary>Creates the codec from a <c>vocab.txt</c> file.</summary>
    /// <param name="vocabularyPath">The vocabulary file.</param>
    /// <param name="lowerCase">True for uncased vocabularies (bert-base-uncased, MiniLM), false for cased ones.</param>
    /// <param name="truncationPolicy">What to do with texts that do not fit.</param>
    /// <param name="specialTokens">Frame sequences with <c>[CLS]</c>/<c>[SEP]</c> (default) or not (see <see cref="HasSpecialTokens"/>).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty or lacks one of [PAD], [CLS], [SEP], [UNK], [MASK].</exception>
    public static WordPieceTextCodec FromFile(string vocabularyPath, bool lowerCase, TruncationPolicy truncationPolicy = TruncationPolicy.TruncateAndRecord, bool specialTokens = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabularyPath);
        if (!File.Exists(vocabularyPath))
        {
            throw new FileNotFoundException($"The WordPiece vocabulary '{vocabularyPath}' does not exist (expected a vocab.txt with one token per line).", vocabularyPath);
        }

        using FileStream stream = File.OpenRead(vocabularyPath);
        return FromStream(stream, lowerCase, truncationPolicy, vocabularyPath, specialTokens);
    }

    /// <summary>Creates the codec from a <c>vocab.txt</c> stream (read to its end; not disposed).</summary>
    /// <param name="vocabulary">The vocabulary text, UTF-8, one token per line.</param>
    /// <param name="lowerCase">True for uncased vocabularies, false for cased ones.</param>
    /// <param name="truncationPolicy">What to do with texts that do not fit.</param>
    /// <param name="sourceName">A name for error messages (e.g. the file path).</param>
    /// <param name="specialTokens">Frame sequences with <c>[CLS]</c>/<c>[SEP]</c> (default) or not (see <see cref="HasSpecialTokens"/>).</param>
    /// <exception cref="InvalidDataException">The vocabulary is empty or lacks a required special token.</exception>
    public static WordPieceTextCodec FromStream(
        Stream vocabulary,
        bool lowerCase,
        TruncationPolicy truncationPolicy = TruncationPolicy.TruncateAndRecord,
        string sourceName = "vocabulary stream",
        bool specialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var buffer = new MemoryStream();
        vocabulary.CopyTo(buffer);
        var tokens = new List<string>();
        using (var reader = new StreamReader(new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length), Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                tokens.Add(line);
            }
        }

        if (tokens.Count == 0)
        {
            throw new InvalidDataException($"The WordPiece vocabulary '{sourceName}' is empty; expected one token per line.");
        }

        var present = new HashSet<string>(tokens, StringComparer.Ordinal);
        string[] missing = new[] { "[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]" }.Where(t => !present.Contains(t)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException(
                $"The WordPiece vocabulary '{sourceName}' ({tokens.Count} lines) lacks the special token(s) {string.Join(", ", missing)}; "
                + "a BERT vocab.txt is expected.");
        }

        buffer.Position = 0;
        BertTokenizer tokenizer = BertTokenizer.Create(
            buffer,
            new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase });
        return new WordPieceTextCodec(tokens, tokenizer, lowerCase, truncationPolicy, specialTokens);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<int> TokenizeContent(string text)
    {
        // Microsoft.ML.Tokenizers 2.0.1 removes non-spacing marks only from already decomposed text, and .NET with invariant
        // globalization does not decompose, so "Café" would become [UNK]; bert-base-uncased lower-cases and strips accents
        // (NFD, drop marks) first, and so do we.
        if (LowerCase)
        {
            text = AccentStripper.Strip(text.ToLowerInvariant());
        }

        return _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
    }

    /// <inheritdoc/>
    protected override string DetokenizeContent(IReadOnlyList<int> contentIds)
    {
        var text = new StringBuilder();
        foreach (int id in contentIds)
        {
            string token = Tokens[id];
            if (token.StartsWith("##", StringComparison.Ordinal) && text.Length > 0)
            {
                text.Append(token, 2, token.Length - 2);
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(token);
            }
        }

        string result = text.ToString().Trim();
        return TokenizationCleanup.Apply(result, Cleanup);
    }
}
