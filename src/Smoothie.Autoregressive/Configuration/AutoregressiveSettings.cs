using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smoothie.Autoregressive.Configuration;

/// <summary>
/// Everything an autoregressive model folder records besides its weights and vocabularies (<c>autoregressive.json</c>):
/// the network's shape, the row lengths, and which token embeddings it reads. Immutable.
/// </summary>
public sealed record AutoregressiveSettings
{
    /// <summary>The folder format this version writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The only embeddings this version supports: all-MiniLM-L6-v2's, with its uncased WordPiece codec.</summary>
    public const string MiniLmEmbeddings = "minilm";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The folder format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The network's shape.</summary>
    public AutoregressiveConfig Network { get; init; } = new();

    /// <summary>Source row length in tokens, start and end tokens included (longer sources are split into pieces). Default 40.</summary>
    public int SourceLength { get; init; } = 40;

    /// <summary>Target row length in tokens, start and end tokens included (training pieces whose target is longer are dropped). Default 40.</summary>
    public int TargetLength { get; init; } = 40;

    /// <summary>The token embeddings (<see cref="MiniLmEmbeddings"/>).</summary>
    public string EmbeddingSource { get; init; } = MiniLmEmbeddings;

    /// <summary>A hash of the vocabulary and embedding values the model was trained with (checked on load); empty until the model is created.</summary>
    public string EmbeddingIdentity { get; init; } = string.Empty;

    /// <summary>Checks every field and that the network's position tables hold the row lengths.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        if (FormatVersion != CurrentFormatVersion)
        {
            throw new ArgumentException($"AutoregressiveSettings.FormatVersion {FormatVersion} is not supported; this version reads {CurrentFormatVersion}.", nameof(FormatVersion));
        }

        ArgumentNullException.ThrowIfNull(Network, nameof(Network));
        Network.Validate();
        if (SourceLength < 3 || SourceLength > Network.MaxSourceLength)
        {
            throw new ArgumentException($"AutoregressiveSettings.SourceLength must lie in [3, Network.MaxSourceLength = {Network.MaxSourceLength}]; got {SourceLength}.", nameof(SourceLength));
        }

        if (TargetLength < 3 || TargetLength > Network.MaxTargetLength + 1)
        {
            throw new ArgumentException($"AutoregressiveSettings.TargetLength must lie in [3, Network.MaxTargetLength + 1 = {Network.MaxTargetLength + 1}] (the decoder reads all but the last token); got {TargetLength}.", nameof(TargetLength));
        }

        if (EmbeddingSource != MiniLmEmbeddings)
        {
            throw new ArgumentException($"AutoregressiveSettings.EmbeddingSource '{EmbeddingSource}' is not supported; this version reads the '{MiniLmEmbeddings}' embeddings only.", nameof(EmbeddingSource));
        }
    }

    /// <summary>The settings as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads settings written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="InvalidDataException">The text is not valid settings JSON.</exception>
    public static AutoregressiveSettings FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<AutoregressiveSettings>(json, JsonOptions) ?? throw new InvalidDataException("The autoregressive settings JSON is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The autoregressive settings JSON is not valid: {e.Message}", e);
        }
    }
}
