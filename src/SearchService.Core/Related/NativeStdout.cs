using System.Runtime.InteropServices;

namespace SearchService.Core.Related;

/// <summary>
/// Runs code whose native part prints to the process's standard output (ML.NET's LightLDA reports its
/// training progress with printf), with file descriptor 1 sent to /dev/null, so commands that print
/// JSON on stdout stay parseable.
/// </summary>
internal static class NativeStdout
{
    private const int StdoutFd = 1;
    private const int WriteOnly = 1;
    private static readonly Lock Gate = new();

    public static T Silenced<T>(Func<T> action)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return action();
        lock (Gate)
        {
            Console.Out.Flush();
            var saved = Dup(StdoutFd);
            var devNull = Open("/dev/null", WriteOnly);
            if (saved < 0 || devNull < 0)
            {
                if (saved >= 0) Close(saved);
                if (devNull >= 0) Close(devNull);
                return action();
            }
            Dup2(devNull, StdoutFd);
            Close(devNull);
            try
            {
                return action();
            }
            finally
            {
                // printf buffers: flush what the native code wrote while it still goes to /dev/null.
                Flush(IntPtr.Zero);
                Dup2(saved, StdoutFd);
                Close(saved);
            }
        }
    }

    [DllImport("libc", EntryPoint = "dup")]
    private static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2")]
    private static extern int Dup2(int fd, int fd2);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fflush")]
    private static extern int Flush(IntPtr stream);
}
