using System.IO.MemoryMappedFiles;

namespace Parity.Gateway;

/// <summary>
/// One ledger log segment: a new file of a fixed size mapped into memory, filled from the start.
/// Bytes copied into it are in the page cache at once (they survive the process); the unwritten
/// rest reads as zeros until <see cref="Close"/> truncates the file to what was written. Not
/// thread-safe: <see cref="LedgerLog"/> appends under its lock.
/// </summary>
internal sealed class MappedSegment
{
    private readonly FileStream file;
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly long capacity;
    private long length;
    private bool closed;

    private MappedSegment(string path, FileStream file, MemoryMappedFile map, MemoryMappedViewAccessor view, long capacity)
    {
        Path = path;
        this.file = file;
        this.map = map;
        this.view = view;
        this.capacity = capacity;
    }

    /// <summary>The segment's file.</summary>
    public string Path { get; }

    /// <summary>Creates the file (it must not exist) at <paramref name="capacity"/> bytes, sparse, and maps it.</summary>
    public static MappedSegment Create(string path, long capacity)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var map = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            return new MappedSegment(path, file, map, map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite), capacity);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="bytes"/> after what is there; false (and nothing written) when they do not fit.</summary>
    public bool TryAppend(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        if (length + bytes.Length > capacity)
        {
            return false;
        }

        view.SafeMemoryMappedViewHandle.WriteSpan((ulong)length, bytes);
        length += bytes.Length;
        return true;
    }

    /// <summary>Unmaps the segment and truncates its file to the bytes written.</summary>
    public void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        view.Dispose();
        map.Dispose();
        try
        {
            file.SetLength(length);
        }
        finally
        {
            file.Dispose();
        }
    }
}
