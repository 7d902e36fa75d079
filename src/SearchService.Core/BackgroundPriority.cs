using System.Runtime.InteropServices;

namespace SearchService.Core;

/// <summary>
/// Lowers the calling thread's scheduling priority, for background work that must not take CPU from requests: the
/// kernel then runs it on whatever the requests leave idle. On Linux each thread has its own nice value
/// (<c>setpriority</c> on the thread id), which .NET's <see cref="Thread.Priority"/> does not set there.
/// </summary>
public static partial class BackgroundPriority
{
    /// <summary>The nice value given: the lowest priority, so a busy request thread gets ~98 % of a contended core.</summary>
    public const int Nice = 19;

    // Per thread, as the priority itself is: set only by the thread it describes.
    [ThreadStatic] private static bool t_lowered;

    /// <summary>
    /// True on a thread that lowered itself: work done for it stays on it (see <see cref="Indexing.Vectors.VectorSearch"/>),
    /// since pool threads would run it at the requests' priority.
    /// </summary>
    public static bool CurrentThreadLowered => t_lowered;

    /// <summary>Lowers the current thread's priority; returns false where the system refused (the work still runs).</summary>
    public static bool LowerCurrentThread()
    {
        t_lowered = true;
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }
        const int priorityOfProcess = 0; // PRIO_PROCESS: with a thread id, Linux changes that thread alone
        return SetPriority(priorityOfProcess, (uint)GetThreadId(), Nice) == 0;
    }

    // glibc's own file name: "libc" alone would first find libc.so, which is a linker script where the C headers are installed.
    private const string CLibrary = "libc.so.6";

    [LibraryImport(CLibrary, EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport(CLibrary, EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);
}
