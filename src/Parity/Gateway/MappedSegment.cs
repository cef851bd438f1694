using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Parity.Gateway;

/// <summary>
/// One ledger log segment: a new file of a fixed size mapped into memory, filled from the start.
/// Bytes copied into it are in the page cache at once (they survive the process); the unwritten
/// rest reads as zeros until <see cref="Close"/> truncates the file to what was written. Appends and
/// closing are not thread-safe (<see cref="LedgerLog"/> does them under its lock); <see cref="Prefault"/>
/// may run beside them on another thread.
/// </summary>
internal sealed partial class MappedSegment
{
    private const int PageBytes = 4096;

    /// <summary>Linux's <c>MADV_POPULATE_WRITE</c> (5.14 and later).</summary>
    private const int PopulateWrite = 23;

    /// <summary>False once the kernel has refused <c>MADV_POPULATE_WRITE</c>: not asked again.</summary>
    private static bool canPopulate = OperatingSystem.IsLinux();

    private readonly FileStream file;
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly long capacity;
    private long length;
    private long prefaulted; // the end of the pages Prefault mapped (only the prefaulting thread uses it)
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
        Volatile.Write(ref length, length + bytes.Length);
        return true;
    }

    /// <summary>
    /// Maps the pages from what is written to <paramref name="bytesAhead"/> beyond it, writable, without
    /// touching them (<c>MADV_POPULATE_WRITE</c>; nothing where the kernel lacks it). The appends that
    /// follow then take no page faults: the kernel's work of giving the file new pages (and any wait for
    /// its journal) happens on the caller's thread instead of under the log's lock on a request's path.
    /// May run on another thread than the appends, and while the segment is being closed.
    /// </summary>
    public void Prefault(long bytesAhead)
    {
        if (!canPopulate)
        {
            return;
        }

        var handle = view.SafeMemoryMappedViewHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added); // the mapping stays while the kernel populates it
            var written = Volatile.Read(ref length);
            var from = Math.Max(prefaulted, written / PageBytes * PageBytes);
            var to = Math.Min(capacity, (written + bytesAhead + PageBytes - 1) / PageBytes * PageBytes);
            if (to <= from)
            {
                return;
            }

            if (madvise(handle.DangerousGetHandle() + (nint)view.PointerOffset + (nint)from, (nuint)(to - from), PopulateWrite) != 0
                && Marshal.GetLastPInvokeError() == 22)
            {
                canPopulate = false; // EINVAL: a kernel before 5.14
            }

            prefaulted = to; // also after EFAULT (the file was truncated by Close meanwhile): nothing more to map
        }
        catch (ObjectDisposedException)
        {
            // Closed: nothing to map.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);

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
