using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// The sink readers stream into: applies the <see cref="VoteFilter"/> row by row and adds each
/// kept battle to a dense count matrix, so a file of millions of votes becomes a few thousand
/// counts while it is read. Optionally keeps the battle sequence for Elo and style control.
/// </summary>
internal sealed class VoteTally : IBattleSink
{
    private readonly string _path;
    private readonly VoteFilter _filter;
    private readonly NameTable _models;
    private readonly NameTable _languages;
    private readonly string _category;
    private readonly double _fromSeconds;
    private readonly double _toSeconds;
    private readonly bool _keepStyle;
    private readonly bool _everyLanguage;
    private readonly bool _everyCategory;
    private readonly bool _dated;
    private HashSet<int>? _languageSet;
    private int _capacity = 64;
    private int[] _counts; // [a * capacity + b] * 3 + outcome, a < b, outcome from a's side: 0 loss, 1 tie, 2 win

    private long _read, _kept, _notAnonymous, _notSampled, _otherLanguage, _outsideDates, _otherCategory, _self;

    public VoteTally(string path, VoteFilter filter, NameTable models, NameTable languages, bool keepSequence, bool keepStyle)
    {
        _path = path;
        _filter = filter;
        _models = models;
        _languages = languages;
        _category = ArenaCategory.Normalize(filter.Category);
        _fromSeconds = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : double.NegativeInfinity;
        _toSeconds = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : double.PositiveInfinity;
        _keepStyle = keepStyle;
        // Decided once, not per row: the default (no language, category or date filter) keeps every row.
        _everyLanguage = filter.Languages.Count == 0 && _category is not ("english" or "chinese");
        _everyCategory = _category is "full" or "english" or "chinese";
        _dated = !double.IsInfinity(_fromSeconds) || !double.IsInfinity(_toSeconds);
        Sequence = keepSequence || keepStyle ? new VoteSequence() : null;
        _counts = new int[_capacity * _capacity * 3];
    }

    public VoteSequence? Sequence { get; }

    public NameTable Models => _models;

    /// <summary>Whether rows need their timestamp (date filters, Elo order).</summary>
    public bool NeedsTstamp => Sequence is not null || !double.IsInfinity(_fromSeconds) || !double.IsInfinity(_toSeconds);

    /// <summary>Whether rows need their language.</summary>
    public bool NeedsLanguage => _filter.Languages.Count > 0 || _category is "english" or "chinese";

    public NameTable Languages => _languages;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ref BattleRow row)
    {
        _read++;
        if (row.Anonymous == false && _filter.AnonymousOnly)
        {
            _notAnonymous++;
            return;
        }

        if (row.DedupSampled == false && _filter.DeduplicatedOnly)
        {
            _notSampled++;
            return;
        }

        if (!_everyLanguage && !LanguageKept(ref row))
        {
            _otherLanguage++;
            return;
        }

        if (_dated)
        {
            if (double.IsNaN(row.Tstamp))
            {
                throw Needs(ref row, "tstamp", "--from/--to");
            }

            if (row.Tstamp < _fromSeconds || row.Tstamp >= _toSeconds)
            {
                _outsideDates++;
                return;
            }
        }

        if (!_everyCategory && !CategoryKept(ref row))
        {
            _otherCategory++;
            return;
        }

        if (row.ModelA == row.ModelB)
        {
            _self++;
            return;
        }

        if (_keepStyle && !row.HasStyle)
        {
            throw Needs(ref row, "conv_metadata", "--style-control");
        }

        _kept++;
        var (a, b, outcome) = row.ModelA < row.ModelB
            ? (row.ModelA, row.ModelB, row.Outcome switch { BattleOutcome.ModelA => 2, BattleOutcome.ModelB => 0, _ => 1 })
            : (row.ModelB, row.ModelA, row.Outcome switch { BattleOutcome.ModelA => 0, BattleOutcome.ModelB => 2, _ => 1 });
        if (b >= _capacity)
        {
            Grow(b + 1);
        }

        _counts[(a * _capacity + b) * 3 + outcome]++;

        if (Sequence is { } sequence)
        {
            sequence.ModelA.Add(row.ModelA);
            sequence.ModelB.Add(row.ModelB);
            sequence.Outcome.Add((byte)row.Outcome);
            sequence.Tstamp.Add(row.Tstamp);
            if (_keepStyle)
            {
                Span<double> features = stackalloc double[4];
                row.Style.Features(features);
                foreach (var f in features)
                {
                    sequence.Style.Add(f);
                }
            }
        }
    }

    private bool LanguageKept(ref BattleRow row)
    {
        if (_filter.Languages.Count == 0 && _category is not ("english" or "chinese"))
        {
            return true;
        }

        if (row.Language < 0)
        {
            throw Needs(ref row, "language", _filter.Languages.Count > 0 ? "--language" : $"--category {_category}");
        }

        var name = _languages[row.Language];
        if (_category == "english" && !name.Equals("English", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_category == "chinese" && !name.Equals("Chinese", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_filter.Languages.Count == 0)
        {
            return true;
        }

        _languageSet ??= [];
        if (_languageSet.Contains(row.Language))
        {
            return true;
        }

        if (_filter.Languages.Any(l => l.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            _languageSet.Add(row.Language);
            return true;
        }

        return false;
    }

    private bool CategoryKept(ref BattleRow row)
    {
        switch (_category)
        {
            case "full" or "english" or "chinese":
                return true;
            case "no_tie":
                return row.Outcome is BattleOutcome.ModelA or BattleOutcome.ModelB;
            default:
                break;
        }

        if (!row.HasCategoryInfo)
        {
            throw Needs(ref row, "is_code/category_tag", $"--category {_category}");
        }

        var c = row.Categories;
        return _category switch
        {
            "coding" => c.HasFlag(BattleCategories.Coding),
            "hard_6" => c.HasFlag(BattleCategories.HardPrompt),
            "math" => c.HasFlag(BattleCategories.Math),
            "if" => c.HasFlag(BattleCategories.InstructionFollowing),
            "creative_writing" => c.HasFlag(BattleCategories.CreativeWriting),
            "no_refusal" => !c.HasFlag(BattleCategories.Refusal),
            _ => true,
        };
    }

    private ParityException Needs(ref BattleRow row, string field, string option) =>
        new($"{_path}: record {row.Record}{(row.Line > 0 ? $" (line {row.Line})" : "")} has no field '{field}', which {option} needs.");

    private void Grow(int needed)
    {
        var capacity = _capacity;
        while (capacity < needed)
        {
            capacity *= 2;
        }

        var counts = new int[capacity * capacity * 3];
        for (var a = 0; a < _capacity; a++)
        {
            Array.Copy(_counts, a * _capacity * 3, counts, a * capacity * 3, _capacity * 3);
        }

        _counts = counts;
        _capacity = capacity;
    }

    /// <summary>Adds what another tally (read from a later part of the same file) counted; its battles follow this one's.</summary>
    public void Merge(VoteTally later)
    {
        var map = new int[later._models.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = _models.Intern(later._models[i].AsSpan());
        }

        var needed = _models.Count;
        if (needed > _capacity)
        {
            Grow(needed);
        }

        for (var a = 0; a < later._models.Count; a++)
        {
            for (var b = a + 1; b < later._models.Count; b++)
            {
                var o = (a * later._capacity + b) * 3;
                var (x, y, flip) = map[a] < map[b] ? (map[a], map[b], false) : (map[b], map[a], true);
                var target = (x * _capacity + y) * 3;
                _counts[target] += flip ? later._counts[o + 2] : later._counts[o];
                _counts[target + 1] += later._counts[o + 1];
                _counts[target + 2] += flip ? later._counts[o] : later._counts[o + 2];
            }
        }

        if (Sequence is { } sequence && later.Sequence is { } more)
        {
            for (var r = 0; r < more.Count; r++)
            {
                sequence.ModelA.Add(map[more.ModelA[r]]);
                sequence.ModelB.Add(map[more.ModelB[r]]);
            }

            sequence.Outcome.AddRange(more.Outcome);
            sequence.Tstamp.AddRange(more.Tstamp);
            sequence.Style.AddRange(more.Style);
        }

        _read += later._read;
        _kept += later._kept;
        _notAnonymous += later._notAnonymous;
        _notSampled += later._notSampled;
        _otherLanguage += later._otherLanguage;
        _outsideDates += later._outsideDates;
        _otherCategory += later._otherCategory;
        _self += later._self;
    }

    /// <summary>The kept votes as a table, after dropping models with fewer than <see cref="VoteFilter.MinVotes"/> battles.</summary>
    public (VoteTable Table, VoteFilterStats Stats, int[] NewIndex) Build()
    {
        var m = _models.Count;
        var votes = new long[m];
        for (var a = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++)
            {
                var o = (a * _capacity + b) * 3;
                long n = _counts[o] + _counts[o + 1] + _counts[o + 2];
                votes[a] += n;
                votes[b] += n;
            }
        }

        var newIndex = new int[m];
        var models = new List<string>();
        for (var a = 0; a < m; a++)
        {
            newIndex[a] = votes[a] > 0 && votes[a] >= _filter.MinVotes ? models.Count : -1;
            if (newIndex[a] >= 0)
            {
                models.Add(_models[a]);
            }
        }

        var pairI = new List<int>();
        var pairJ = new List<int>();
        var wins = new List<int>();
        var ties = new List<int>();
        var losses = new List<int>();
        long dropped = 0;
        for (var a = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++)
            {
                var o = (a * _capacity + b) * 3;
                var n = _counts[o] + _counts[o + 1] + _counts[o + 2];
                if (n == 0)
                {
                    continue;
                }

                if (newIndex[a] < 0 || newIndex[b] < 0)
                {
                    dropped += n;
                    continue;
                }

                pairI.Add(newIndex[a]);
                pairJ.Add(newIndex[b]);
                wins.Add(_counts[o + 2]);
                ties.Add(_counts[o + 1]);
                losses.Add(_counts[o]);
            }
        }

        var table = new VoteTable(models, [.. pairI], [.. pairJ], [.. wins], [.. ties], [.. losses]);
        var stats = new VoteFilterStats(_read, _kept - dropped, _notAnonymous, _notSampled, _otherLanguage, _outsideDates, _otherCategory, _self, dropped);
        return (table, stats, newIndex);
    }
}
