using System.Globalization;

namespace Parity.Arena;

/// <summary>
/// Streams battles out of a CSV file with a header naming at least <c>model_a</c>,
/// <c>model_b</c> and <c>winner</c>; <c>anony</c>, <c>tstamp</c>, <c>language</c> and
/// <c>dedup_sampled</c> are used when present, other columns are ignored. Quoted fields
/// (RFC 4180, on one line) are supported.
/// </summary>
internal sealed class CsvBattleReader
{
    private readonly string _path;
    private readonly NameTable _models;
    private readonly NameTable _languages;
    private readonly IBattleSink _sink;
    private string[] _header = [];
    private string[] _fields = [];

    public CsvBattleReader(string path, NameTable models, NameTable languages, IBattleSink sink)
    {
        _path = path;
        _models = models;
        _languages = languages;
        _sink = sink;
    }

    public long Records { get; private set; }

    /// <summary>The last line read (1 = the header).</summary>
    public long Line { get; private set; }

    /// <summary>The header line, once read.</summary>
    public string? Header { get; private set; }

    /// <summary>
    /// Reads rows. Without <paramref name="header"/> the stream starts at the header; with it, the
    /// stream starts at a row (the rest of a file whose header was read elsewhere), and line numbers
    /// continue from <see cref="Line"/>.
    /// </summary>
    public void Read(Stream stream, CancellationToken cancellationToken, string? header = null)
    {
        using var text = new StreamReader(stream, leaveOpen: true, bufferSize: 1 << 16);
        if (header is null)
        {
            header = text.ReadLine();
            Line = 1;
        }

        if (header is null || header.Trim().Length == 0)
        {
            throw new ParityException($"{_path}: the file is empty (no CSV header).");
        }

        Header = header;

        _header = CsvRows.ReadLine(header, _path, 1, null);
        var columns = _header.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int Column(string name, bool required)
        {
            var index = columns.IndexOf(name);
            if (index < 0 && required)
            {
                throw new ParityException($"{_path}:1: missing column '{name}' (the header has: {string.Join(", ", columns.Select(c => c.Length == 0 ? "(unnamed)" : c))}).");
            }

            return index;
        }

        var modelA = Column("model_a", true);
        var modelB = Column("model_b", true);
        var winner = Column("winner", true);
        var anony = Column("anony", false);
        var tstamp = Column("tstamp", false);
        var language = Column("language", false);
        var sampled = Column("dedup_sampled", false);

        var row = default(BattleRow);
        var line = Line;
        string? current;
        while ((current = text.ReadLine()) is not null)
        {
            line++;
            if ((line & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (current.Length == 0)
            {
                continue;
            }

            Records++;
            if (current.Contains('"'))
            {
                _fields = CsvRows.ReadLine(current, _path, line, _header);
                Row(ref row, line, modelA, modelB, winner, anony, tstamp, language, sampled, columns.Count, i => _fields[i]);
            }
            else
            {
                RowFast(ref row, current, line, modelA, modelB, winner, anony, tstamp, language, sampled, columns.Count);
            }

            _sink.Add(ref row);
            Line = line;
        }

        Line = line;
    }

    private void RowFast(ref BattleRow row, string line, long number, int modelA, int modelB, int winner, int anony, int tstamp, int language, int sampled, int count)
    {
        // The common case: no quotes. Find the column boundaries without allocating.
        Span<Range> ranges = count <= 64 ? stackalloc Range[count + 1] : new Range[count + 1];
        var span = line.AsSpan();
        var n = span.Split(ranges, ',');
        if (n != count)
        {
            throw new ParityException($"{_path}:{number}: expected {count} fields, found {n}.");
        }

        row.Reset();
        row.Record = Records;
        row.Line = number;
        row.ModelA = Model(span[ranges[modelA]], number, "model_a");
        row.ModelB = Model(span[ranges[modelB]], number, "model_b");
        row.Outcome = Winner(span[ranges[winner]], number);
        if (anony >= 0)
        {
            row.Anonymous = Flag(span[ranges[anony]], number, "anony");
        }

        if (sampled >= 0)
        {
            row.DedupSampled = Flag(span[ranges[sampled]], number, "dedup_sampled");
        }

        if (tstamp >= 0)
        {
            row.Tstamp = Seconds(span[ranges[tstamp]], number);
        }

        if (language >= 0 && !span[ranges[language]].IsEmpty)
        {
            row.Language = _languages.Intern(span[ranges[language]]);
        }
    }

    private void Row(ref BattleRow row, long number, int modelA, int modelB, int winner, int anony, int tstamp, int language, int sampled, int count, Func<int, string> field)
    {
        if (_fields.Length != count)
        {
            throw new ParityException($"{_path}:{number}: expected {count} fields, found {_fields.Length}.");
        }

        row.Reset();
        row.Record = Records;
        row.Line = number;
        row.ModelA = Model(field(modelA), number, "model_a");
        row.ModelB = Model(field(modelB), number, "model_b");
        row.Outcome = Winner(field(winner), number);
        if (anony >= 0)
        {
            row.Anonymous = Flag(field(anony), number, "anony");
        }

        if (sampled >= 0)
        {
            row.DedupSampled = Flag(field(sampled), number, "dedup_sampled");
        }

        if (tstamp >= 0)
        {
            row.Tstamp = Seconds(field(tstamp), number);
        }

        if (language >= 0 && field(language).Length > 0)
        {
            row.Language = _languages.Intern(field(language));
        }
    }

    private int Model(ReadOnlySpan<char> name, long line, string column)
    {
        var trimmed = name.Trim();
        return trimmed.IsEmpty
            ? throw new ParityException($"{_path}:{line}: field '{column}' is empty.")
            : _models.Intern(trimmed);
    }

    private BattleOutcome Winner(ReadOnlySpan<char> label, long line) =>
        WinnerLabel.TryParse(label.Trim(), out var outcome)
            ? outcome
            : throw new ParityException($"{_path}:{line}: field 'winner' is '{label}', expected model_a, model_b, tie or tie (bothbad).");

    private bool? Flag(ReadOnlySpan<char> value, long line, string column)
    {
        var v = value.Trim();
        if (v.IsEmpty)
        {
            return null;
        }

        if (v is "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (v is "0" || v.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new ParityException($"{_path}:{line}: field '{column}' is '{v}', expected true/false or 1/0.");
    }

    private double Seconds(ReadOnlySpan<char> value, long line)
    {
        var v = value.Trim();
        if (v.IsEmpty)
        {
            return double.NaN;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new ParityException($"{_path}:{line}: field 'tstamp' is '{v}', expected Unix seconds.");
    }
}
