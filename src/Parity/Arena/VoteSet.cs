namespace Parity.Arena;

/// <summary>The votes loaded from one file: the count table, what the filters did and, when asked for, the battle sequence.</summary>
public sealed class VoteSet
{
    internal VoteSet(string path, VoteFileFormat format, VoteTable table, VoteFilterStats stats, VoteSequence? sequence)
    {
        Path = path;
        Format = format;
        Table = table;
        Stats = stats;
        Sequence = sequence;
    }

    /// <summary>The file the votes came from.</summary>
    public string Path { get; }

    /// <summary>The layout it was read as.</summary>
    public VoteFileFormat Format { get; }

    /// <summary>The kept votes as counts per pair.</summary>
    public VoteTable Table { get; }

    /// <summary>Rows read and dropped per filter.</summary>
    public VoteFilterStats Stats { get; }

    /// <summary>Kept battles in file order with model indexes of <see cref="Table"/>; null unless requested.</summary>
    internal VoteSequence? Sequence { get; }
}
