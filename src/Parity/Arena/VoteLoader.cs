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
    public static VoteSet Load(string path, VoteFileFormat format, VoteFilter filter, bool keepSequence = false, bool keepStyle = false, CancellationToken cancellationToken = default) =>
        Load(path, format, filter, keepSequence, keepStyle, DefaultParallelThreshold, cancellationToken);

    /// <summary>As <see cref="Load(string, VoteFileFormat, VoteFilter, bool, bool, CancellationToken)"/>, reading JSON files from <paramref name="parallelThreshold"/> bytes on with two threads.</summary>
    internal static VoteSet Load(string path, VoteFileFormat format, VoteFilter filter, bool keepSequence, bool keepStyle, long parallelThreshold, CancellationToken cancellationToken)
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
        if (format == VoteFileFormat.Csv && stream.Length >= parallelThreshold && Environment.ProcessorCount > 1 && FindLineSplit(stream) is { } lineSplit)
        {
            ReadCsvInTwo(path, stream, lineSplit, tally, filter, keepSequence, keepStyle, cancellationToken);
        }
        else if (format == VoteFileFormat.Csv)
        {
            new CsvBattleReader(path, models, languages, tally).Read(stream, cancellationToken);
        }
        else if (stream.Length >= parallelThreshold && Environment.ProcessorCount > 1 && FindSplit(stream) is { } split)
        {
            ReadJsonInTwo(path, stream, split, tally, filter, keepSequence, keepStyle, cancellationToken);
        }
        else
        {
            new JsonBattleReader(path, models, languages, tally) { NeedTstamp = tally.NeedsTstamp, NeedLanguage = tally.NeedsLanguage }.Read(stream, cancellationToken);
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

    /// <summary>Files from this size on are read by two threads, each from its half.</summary>
    internal const long DefaultParallelThreshold = 48L << 20;

    /// <summary>
    /// A likely record start near the middle of a JSON file: a '{' that begins a line whose
    /// previous non-blank byte is ',' (arrays) or a newline (JSON Lines). Only a guess: the first
    /// reader confirms it by arriving there exactly between two records, or everything is read
    /// by the first reader alone.
    /// </summary>
    private static (long Offset, bool Array)? FindSplit(FileStream stream)
    {
        Span<byte> head = stackalloc byte[64];
        stream.Position = 0;
        var n = stream.Read(head);
        var first = head[..n].IndexOfAnyExcept(" \t\r\n\uFEFF"u8);
        var array = first >= 0 && head[first] == (byte)'[';

        var window = new byte[1 << 20];
        var start = stream.Length / 2;
        stream.Position = start;
        var length = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        for (var i = window.AsSpan(0, length).IndexOf((byte)'\n'); i >= 0 && i < length; )
        {
            var j = i + 1;
            while (j < length && window[j] is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                j++;
            }

            if (j < length && window[j] == (byte)'{')
            {
                var k = i - 1;
                while (k >= 0 && window[k] is (byte)' ' or (byte)'\t' or (byte)'\r')
                {
                    k--;
                }

                if (k >= 0 && (array ? window[k] == (byte)',' : window[k] is (byte)'}' or (byte)'\n'))
                {
                    return (start + j, array);
                }
            }

            var next = window.AsSpan(i + 1, length - i - 1).IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return null;
    }

    /// <summary>The start of the first line after the middle of a CSV file (rows never span lines), if it has a header line and such a line.</summary>
    private static long? FindLineSplit(FileStream stream)
    {
        var window = new byte[1 << 16];
        stream.Position = 0;
        var n = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        var headerEnd = window.AsSpan(0, n).IndexOf((byte)'\n');
        var middle = stream.Length / 2;
        if (headerEnd < 0 || headerEnd >= middle)
        {
            stream.Position = 0;
            return null;
        }

        stream.Position = middle;
        n = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var newline = window.AsSpan(0, n).IndexOf((byte)'\n');
        return newline < 0 || middle + newline + 1 >= stream.Length ? null : middle + newline + 1;
    }

    private static void ReadCsvInTwo(string path, FileStream stream, long split, VoteTally tally, VoteFilter filter, bool keepSequence, bool keepStyle, CancellationToken cancellationToken)
    {
        var first = new CsvBattleReader(path, tally.Models, tally.Languages, tally);
        var laterModels = new NameTable();
        var laterLanguages = new NameTable();
        var later = new VoteTally(path, filter, laterModels, laterLanguages, keepSequence, keepStyle);
        var header = new StreamReader(new BoundedStream(stream, 1 << 20), leaveOpen: true).ReadLine();
        stream.Position = 0;
        var second = Task.Run(() =>
        {
            using var rest = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            rest.Position = split;
            new CsvBattleReader(path, laterModels, laterLanguages, later).Read(rest, cancellationToken, header);
        }, cancellationToken);

        try
        {
            first.Read(new BoundedStream(stream, split), cancellationToken);
        }
        catch
        {
            try
            {
                second.Wait(cancellationToken);
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        try
        {
            second.Wait(cancellationToken);
        }
        catch (AggregateException)
        {
            // A bad row in the second half: read it again in order, so the error names the true line.
            using var rest = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            rest.Position = split;
            first.Read(rest, cancellationToken, first.Header);
            return;
        }

        tally.Merge(later);
    }

    private static void ReadJsonInTwo(string path, FileStream stream, (long Offset, bool Array) split, VoteTally tally, VoteFilter filter, bool keepSequence, bool keepStyle, CancellationToken cancellationToken)
    {
        var laterModels = new NameTable();
        var laterLanguages = new NameTable();
        var later = new VoteTally(path, filter, laterModels, laterLanguages, keepSequence, keepStyle);
        var second = Task.Run(() =>
        {
            using var rest = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            rest.Position = split.Offset;
            new JsonBattleReader(path, laterModels, laterLanguages, later) { NeedTstamp = later.NeedsTstamp, NeedLanguage = later.NeedsLanguage }.ReadFrom(rest, split.Offset, split.Array, cancellationToken);
        }, cancellationToken);

        var first = new JsonBattleReader(path, tally.Models, tally.Languages, tally) { StopAt = split.Offset, NeedTstamp = tally.NeedsTstamp, NeedLanguage = tally.NeedsLanguage };
        try
        {
            first.Read(stream, cancellationToken);
        }
        catch
        {
            // The first half decides which error the user sees; the second reader's work is dropped.
            try
            {
                second.Wait(cancellationToken);
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        try
        {
            second.Wait(cancellationToken);
        }
        catch (AggregateException) when (first.StoppedAtSplit)
        {
            // A bad record in the second half (or a wrong guess): read it again in order, so the
            // error names the true line and record number.
            first.Continue();
            return;
        }
        catch (AggregateException)
        {
        }

        if (first.StoppedAtSplit)
        {
            tally.Merge(later);
        }
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
        Add(s.BelowMinVotes, "involving models below --min-votes");
        return parts.Count == 0 ? "none dropped" : "votes dropped: " + string.Join(", ", parts);
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
