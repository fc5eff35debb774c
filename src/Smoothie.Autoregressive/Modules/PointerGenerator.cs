using Smoothie.Autoregressive.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>
/// The pointer-generator output layer (See et al., 2017): the decoder state writes a word from the output vocabulary
/// (<c>vocabulary_head</c>, softmax over the target sub-vocabulary) or copies a source token, pointed at by an attention
/// over the encoded source (<c>copy_query</c>, <c>copy_key</c>); the gate
/// <c>p_gen = sigmoid(generate_gate([state; attended source; decoder input]))</c> mixes the two:
/// <c>P(w) = p_gen · P_vocab(w) + (1 − p_gen) · Σ_{i: source_i = w} a_i</c>, over the extended vocabulary (the output
/// vocabulary followed by the source tokens it lacks, numbered per row: <see cref="Vocabulary.SourceExtension"/>).
/// </summary>
public sealed class PointerGenerator : nn.Module<PointerGeneratorInput, Tensor>
{
    private readonly Linear vocabulary_head;
    private readonly Linear copy_query;
    private readonly Linear copy_key;
    private readonly Linear generate_gate;
    private readonly int vocabularySize;
    private readonly double scale;

    /// <summary>Creates the layer for <paramref name="config"/> (its hidden width and output vocabulary).</summary>
    /// <param name="config">A validated configuration.</param>
    public PointerGenerator(AutoregressiveConfig config)
        : base(nameof(PointerGenerator))
    {
        ArgumentNullException.ThrowIfNull(config);
        int h = config.HiddenSize;
        vocabularySize = config.TargetVocabularySize;
        scale = 1.0 / Math.Sqrt(h);
        vocabulary_head = nn.Linear(h, vocabularySize);
        copy_query = nn.Linear(h, h);
        copy_key = nn.Linear(h, h);
        generate_gate = nn.Linear(3 * h, 1);
        RegisterComponents();
    }

    /// <summary>The output distribution over the extended vocabulary.</summary>
    /// <param name="input">Decoder states, decoder inputs, encoded source, its mask, extended ids and the extended size.</param>
    /// <returns>Probabilities <c>[B, L, V_ext]</c> that sum to one over the last dimension.</returns>
    /// <exception cref="ArgumentException">The extended size is smaller than the output vocabulary or an extended id is out of range.</exception>
    public override Tensor forward(PointerGeneratorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ExtendedVocabularySize < vocabularySize)
        {
            throw new ArgumentException($"The extended vocabulary ({input.ExtendedVocabularySize}) must hold at least the output vocabulary ({vocabularySize}).", nameof(input));
        }

        using var scope = NewDisposeScope();
        Tensor hidden = input.DecoderStates;
        long batch = hidden.shape[0];
        long length = hidden.shape[1];
        Tensor scores = copy_query.forward(hidden).matmul(copy_key.forward(input.Context).transpose(1, 2)).mul_(scale);
        scores = scores.masked_fill(input.SourceMask.logical_not().unsqueeze(1), float.NegativeInfinity);
        Tensor attention = scores.softmax(-1);
        Tensor attended = attention.matmul(input.Context);
        Tensor generate = sigmoid(generate_gate.forward(cat([hidden, attended, input.DecoderInputs], dim: -1)));
        Tensor written = vocabulary_head.forward(hidden).softmax(-1).mul(generate);
        long extra = input.ExtendedVocabularySize - vocabularySize;
        Tensor distribution = extra > 0 ? cat([written, zeros(batch, length, extra, dtype: written.dtype, device: written.device)], dim: -1) : written;
        Tensor targets = input.SourceExtendedIds.unsqueeze(1).expand(batch, length, -1);
        distribution = distribution.scatter_add(2, targets, attention.mul(generate.neg().add(1)));
        return distribution.MoveToOuterDisposeScope();
    }
}
