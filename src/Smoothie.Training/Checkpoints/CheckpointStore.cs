using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using System.Text.Json;

namespace Smoothie.Training.Checkpoints;

/// <summary>
/// A folder of checkpoints that keeps the last one and the best <see cref="KeepBest"/> by a tracked metric.
/// Each checkpoint is a sub-folder written under a temporary name and renamed into place, and the manifest
/// (<c>checkpoints.json</c>) is replaced atomically afterwards, so an interrupted write never damages the
/// checkpoint a resume would load.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>The manifest file name.</summary>
    public const string ManifestName = "checkpoints.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Opens (or creates) a store.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="keepBest">How many best checkpoints to keep besides the last (≥ 0).</param>
    /// <param name="higherIsBetter">True when a larger metric is better (BLEU), false for losses.</param>
    public CheckpointStore(string directory, int keepBest = 2, bool higherIsBetter = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(keepBest);
        Directory = Path.GetFullPath(directory);
        KeepBest = keepBest;
        HigherIsBetter = higherIsBetter;
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The store's folder.</summary>
    public string Directory { get; }

    /// <summary>How many best checkpoints are kept besides the last.</summary>
    public int KeepBest { get; }

    /// <summary>True when a larger metric is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The checkpoints currently in the manifest, oldest first.</summary>
    public IReadOnlyList<CheckpointInfo> List()
    {
        string manifest = Path.Combine(Directory, ManifestName);
        if (!File.Exists(manifest))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<CheckpointInfo>>(File.ReadAllText(manifest)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The checkpoint manifest '{manifest}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The most recent checkpoint, or null when none was saved.</summary>
    public CheckpointInfo? Latest => List().OrderBy(c => c.Step).LastOrDefault();

    /// <summary>The best checkpoint by metric, or null when none has a metric.</summary>
    public CheckpointInfo? Best => Rank(List().Where(c => c.Metric.HasValue)).FirstOrDefault();

    /// <summary>The full path of a checkpoint's folder.</summary>
    /// <param name="info">The checkpoint.</param>
    public string PathOf(CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Path.Combine(Directory, info.Folder);
    }

    /// <summary>
    /// Saves a checkpoint: <paramref name="writeContents"/> fills a temporary folder, which is then renamed to
    /// <c>step-NNNNNNNNN</c>; the manifest is updated atomically and checkpoints that are neither the last nor
    /// among the best are deleted.
    /// </summary>
    /// <param name="step">The step after which it is saved.</param>
    /// <param name="metric">The tracked metric, or null.</param>
    /// <param name="writeContents">Writes the checkpoint's files into the given folder.</param>
    /// <returns>The saved checkpoint.</returns>
    public CheckpointInfo Save(long step, double? metric, Action<string> writeContents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentNullException.ThrowIfNull(writeContents);
        string folder = $"step-{step:D9}";
        string final = Path.Combine(Directory, folder);
        string temp = Path.Combine(Directory, $".{folder}.tmp-{Guid.NewGuid():N}");
        string? previous = Latest?.Folder;
        try
        {
            System.IO.Directory.CreateDirectory(temp);
            writeContents(temp);
            if (System.IO.Directory.Exists(final))
            {
                System.IO.Directory.Delete(final, recursive: true);
            }

            System.IO.Directory.Move(temp, final);
        }
        catch (Exception error)
        {
            RemoveQuietly(temp);
            if (error is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointWriteException(step, Directory, previous, error);
            }

            throw;
        }

        var info = new CheckpointInfo(step, folder, metric);
        var all = List().Where(c => c.Folder != folder).Append(info).OrderBy(c => c.Step).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal) { all[^1].Folder };
        foreach (CheckpointInfo best in Rank(all.Where(c => c.Metric.HasValue)).Take(KeepBest))
        {
            keep.Add(best.Folder);
        }

        var kept = all.Where(c => keep.Contains(c.Folder)).ToList();
        try
        {
            AtomicFile.WriteAllText(Path.Combine(Directory, ManifestName), JsonSerializer.Serialize(kept, JsonOptions));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The manifest still lists the previous checkpoints, which are untouched: drop the new folder it does not know.
            RemoveQuietly(final);
            throw new CheckpointWriteException(step, Directory, previous, error);
        }

        foreach (CheckpointInfo dropped in all.Where(c => !keep.Contains(c.Folder)))
        {
            string path = Path.Combine(Directory, dropped.Folder);
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }

        return info;
    }

    private static void RemoveQuietly(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is not listed in the manifest, so nothing will load it.
        }
    }

    private IEnumerable<CheckpointInfo> Rank(IEnumerable<CheckpointInfo> items)
    {
        return HigherIsBetter
            ? items.OrderByDescending(c => c.Metric).ThenByDescending(c => c.Step)
            : items.OrderBy(c => c.Metric).ThenByDescending(c => c.Step);
    }
}
