using System.CommandLine;
using System.Globalization;
using Smoothie.Text.Realization;

namespace Smoothie.Cli;

/// <summary>
/// The options of the decode-time lookup guard (<see cref="LookupGuard"/>, issue 27): <c>--guard on|off|invented|restore</c>,
/// <c>--guard-share</c>, <c>--guard-min-count</c>, <c>--guard-keep-drafted</c>, <c>--guard-keep-share</c> and <c>--guard-repair-truncated</c>.
/// </summary>
internal sealed class GuardOptions
{
    private readonly Option<string> mode = new("--guard")
    {
        Description = "Repair outputs with the model folder's learned lookup (lookup.tsv): on (invented words replaced and confidently kept words restored, the default), invented (replace only), restore (restore only) or off (the model's text as realized). Folders without lookup.tsv run no guard.",
        DefaultValueFactory = _ => "on",
    };

    private readonly Option<double> share = new("--guard-share")
    {
        Description = "Restore a lost source word only when at least this share of its training occurrences was kept or rewritten.",
        DefaultValueFactory = _ => LookupGuardOptions.Default.MinimumShare,
    };

    private readonly Option<int> minimumCount = new("--guard-min-count")
    {
        Description = "Restore a lost source word only when it was seen at least this many times in training.",
        DefaultValueFactory = _ => LookupGuardOptions.Default.MinimumCount,
    };

    private readonly Option<bool> keepDrafted = new("--guard-keep-drafted")
    {
        Description = "Keep in the output the source words the model folder's draft keeps (words its lookup is not sure enough to change): restored when dropped, put back when the model writes another word.",
        DefaultValueFactory = _ => LookupGuardOptions.Default.KeepDrafted,
    };

    private readonly Option<double?> keepShare = new("--guard-keep-share")
    {
        Description = "Keep the source words the lookup would copy at this share, in [0, 1], instead of the model folder's (its pipeline.json guardKeepShare, else its draft share; with --guard-keep-drafted).",
    };

    private readonly Option<bool> repairTruncated = new("--guard-repair-truncated")
    {
        Description = "Replace a word that is only the first piece of its source word (\"loud\" for \"louder\", \"tar\" for \"tarried\") by the lookup's rewrite of that word.",
        DefaultValueFactory = _ => LookupGuardOptions.Default.RepairTruncated,
    };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(repairTruncated);
        command.Options.Add(keepDrafted);
        command.Options.Add(keepShare);
        command.Options.Add(mode);
        command.Options.Add(share);
        command.Options.Add(minimumCount);
    }

    /// <summary>The guard the options ask for, or null for <c>--guard off</c>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LookupGuardOptions? Parse(ParseResult parse)
    {
        string value = parse.GetValue(mode)!;
        var guard = value switch
        {
            "off" => null,
            "on" => new LookupGuardOptions(),
            "invented" => new LookupGuardOptions { RestoreDropped = false },
            "restore" => new LookupGuardOptions { ReplaceInvented = false },
            _ => throw new ArgumentException($"--guard must be on, off, invented or restore; got '{value}'."),
        };
        if (guard is null)
        {
            return null;
        }

        guard = guard with { MinimumShare = parse.GetValue(share), MinimumCount = parse.GetValue(minimumCount), KeepDrafted = parse.GetValue(keepDrafted), RepairTruncated = parse.GetValue(repairTruncated), KeepShare = parse.GetValue(keepDrafted) ? parse.GetValue(keepShare) : null };
        IReadOnlyList<string> problems = guard.Problems();
        return problems.Count == 0 ? guard : throw new ArgumentException(string.Join(" ", problems).Replace("LookupGuardOptions.MinimumShare", "--guard-share", StringComparison.Ordinal).Replace("LookupGuardOptions.MinimumCount", "--guard-min-count", StringComparison.Ordinal).Replace("LookupGuardOptions.KeepShare", "--guard-keep-share", StringComparison.Ordinal));
    }

    /// <summary>A short description of a guard for progress lines ("guard off", "guard on (share ≥ 0.9, count ≥ 5)").</summary>
    public static string Describe(LookupGuardOptions? guard) => guard is null
        ? "guard off"
        : string.Create(CultureInfo.InvariantCulture, $"guard {(guard.ReplaceInvented ? guard.RestoreDropped ? "on" : "invented only" : "restore only")}{(guard.RestoreDropped ? $" (restore share ≥ {guard.MinimumShare}, count ≥ {guard.MinimumCount})" : string.Empty)}{(guard.KeepShare is { } keep ? $", keeping the words the lookup copies at share {keep}" : guard.KeepDrafted ? ", keeping the words the draft keeps" : string.Empty)}");
}
