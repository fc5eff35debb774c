using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// The versions of <c>pipeline.json</c> (its <c>formatVersion</c>): 1, the first format (a schedule name with a
/// <c>scheduleParameters</c> map, <c>sigmaMin</c> and <c>simplexK</c> at the top level; mapped by
/// <see cref="LegacyPipelineJson"/>), and 2, the typed one (<c>"schedule": {"name": …, …}</c>), the one written.
/// </summary>
internal static class PipelineFormatVersions
{
    /// <summary>The version of the first format.</summary>
    public const int First = 1;

    /// <summary>The version written, and the newest read.</summary>
    public const int Current = 2;

    private const string Property = "formatVersion";

    /// <summary>The error for a file of a version newer than <see cref="Current"/>.</summary>
    /// <param name="version">The file's version.</param>
    public static string Newer(int version) =>
        $"{Property} {version} was written by a newer Smoothie; this one reads {Property} ≤ {Current}.";

    /// <summary>
    /// Brings a <c>pipeline.json</c> root to <see cref="Current"/> in place: a version-1 file (or one without a version)
    /// is mapped onto the typed format and stamped 2; a version-2 file must not carry a version-1 setting. Other versions
    /// below 1 are left for <see cref="PipelineConfiguration.Problems"/> to report.
    /// </summary>
    /// <exception cref="JsonException">A newer version, a version that is not an integer, or malformed old settings.</exception>
    public static void Upgrade(JsonObject root)
    {
        int version = VersionOf(root);
        if (version > Current)
        {
            throw new JsonException(Newer(version));
        }

        if (version == Current)
        {
            LegacyPipelineJson.RejectLegacySettings(root, Current);
        }
        else if (version == First)
        {
            // Version-1 files are read by their shape: those of the first format are mapped; a typed schedule (written
            // before the version was raised) is taken as it is.
            LegacyPipelineJson.Upgrade(root);
            root[Property] = Current;
        }
    }

    private static int VersionOf(JsonObject root)
    {
        if (root[Property] is not { } node)
        {
            return First;
        }

        try
        {
            return node.GetValue<int>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new JsonException($"{Property} must be an integer (1 or {Current}), got {node.ToJsonString()}.", e);
        }
    }
}
