namespace Parity.Arena;

/// <summary>Reads a vote file of any supported layout, filtering and counting while it streams.</summary>
public static class VoteLoader
{
    /// <summary>Loads the votes a filter keeps, collapsed to counts.</summary>
    /// <param name="path">The vote file.</param>
    /// <param name="format">Its layout, or <see cref="VoteFileFormat.Auto"/>.</param>
    /// <param name="filter">Which battles to keep.</param>
    /// <param name="keepSequence">Also keep the battle sequence (needed for online Elo).</param>
    /// <param name="keepStyle">Also keep the style features per battle (needed for style control).</param>
    /// <param name="cancellationToken">Stops a long read.</param>
    public static VoteSet Load(string path, VoteFileFormat format, VoteFilter filter, bool keepSequence = false, bool keepStyle = false, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"{path}: no such file.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (format == VoteFileFormat.Auto)
        {
            format = Detect(path, stream);
        }

        var models = new NameTable();
        var languages = new NameTable();
        var tally = new VoteTally(path, filter, models, languages, keepSequence, keepStyle);
        if (format == VoteFileFormat.Csv)
        {
            new CsvBattleReader(path, models, languages, tally).Read(stream, cancellationToken);
        }
        else
        {
            new JsonBattleReader(path, models, languages, tally).Read(stream, cancellationToken);
        }

        var (table, stats, newIndex) = tally.Build();
        if (stats.Read == 0)
        {
            throw new ParityException($"{path}: the file holds no votes.");
        }

        if (table.TotalVotes == 0)
        {
            throw new ParityException($"{path}: none of the {stats.Read} votes is left after the filters ({Describe(stats)}).");
        }

        return new VoteSet(path, format, table, stats, Remap(tally.Sequence, newIndex));
    }

    internal static string Describe(VoteFilterStats s)
    {
        var parts = new List<string>();
        void Add(long n, string what)
        {
            if (n > 0)
            {
                parts.Add($"{n} {what}");
            }
        }

        Add(s.NotAnonymous, "not anonymous");
        Add(s.NotSampled, "de-duplicated away");
        Add(s.OtherLanguage, "other language");
        Add(s.OutsideDates, "outside the dates");
        Add(s.OtherCategory, "other category");
        Add(s.SelfBattles, "model against itself");
        Add(s.BelowMinVotes, "models below --min-votes");
        return parts.Count == 0 ? "none dropped" : "dropped: " + string.Join(", ", parts);
    }

    private static VoteFileFormat Detect(string path, FileStream stream)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                return VoteFileFormat.Csv;
            case ".jsonl" or ".ndjson":
                return VoteFileFormat.JsonLines;
            default:
                break;
        }

        Span<byte> head = stackalloc byte[512];
        var n = stream.Read(head);
        stream.Position = 0;
        foreach (var b in head[..n])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b switch
            {
                (byte)'[' => VoteFileFormat.Json,
                (byte)'{' => VoteFileFormat.JsonLines,
                _ => VoteFileFormat.Csv,
            };
        }

        throw new ParityException($"{path}: the file is empty.");
    }

    private static VoteSequence? Remap(VoteSequence? sequence, int[] newIndex)
    {
        if (sequence is null)
        {
            return null;
        }

        var kept = new VoteSequence();
        var styled = sequence.Style.Count > 0;
        for (var r = 0; r < sequence.Count; r++)
        {
            var a = newIndex[sequence.ModelA[r]];
            var b = newIndex[sequence.ModelB[r]];
            if (a < 0 || b < 0)
            {
                continue;
            }

            kept.ModelA.Add(a);
            kept.ModelB.Add(b);
            kept.Outcome.Add(sequence.Outcome[r]);
            kept.Tstamp.Add(sequence.Tstamp[r]);
            if (styled)
            {
                for (var k = 0; k < 4; k++)
                {
                    kept.Style.Add(sequence.Style[r * 4 + k]);
                }
            }
        }

        return kept;
    }
}
