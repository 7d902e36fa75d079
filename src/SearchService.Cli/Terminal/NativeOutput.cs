using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Cli.Terminal;

/// <summary>
/// Keeps what native libraries print off this program's standard output, so a command whose stdout is data (JSON,
/// a report) stays parseable: ML.NET's LightLDA prints its progress with printf while the related text model fits
/// and infers. Done once, before the command runs and for the rest of this short-lived process: file descriptor 1
/// goes to /dev/null and .NET's <see cref="Console.Out"/> keeps writing to the real stdout through a copy of it.
/// Nothing is switched back and forth, so no lock and no lost lines; the service never does this.
/// </summary>
internal static class NativeOutput
{
    private const int StandardOutput = 1;
    private const int WriteOnly = 1;

    public static void KeepOffStandardOutput()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        Console.Out.Flush();
        var realStdout = Dup(StandardOutput);
        if (realStdout < 0) return;
        var devNull = Open("/dev/null", WriteOnly);
        if (devNull < 0 || Dup2(devNull, StandardOutput) < 0)
        {
            if (devNull >= 0) Close(devNull);
            Close(realStdout);
            return;
        }
        Close(devNull);
        var stream = new FileStream(new SafeFileHandle(realStdout, ownsHandle: true), FileAccess.Write, bufferSize: 1);
        Console.SetOut(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true });
    }

    [DllImport("libc", EntryPoint = "dup")]
    private static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2")]
    private static extern int Dup2(int fd, int fd2);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi)]
    private static extern int Open(string path, int flags);
}
