using System.Globalization;
using System.Runtime.InteropServices;

namespace SearchService.Embeddings;

/// <summary>
/// The encoder packages embed their ONNX models in their DLLs. Loading a model reads the DLL's resource through the
/// runtime's mapping of the file, so every page of the model stays resident in that mapping (~87 MB per model) beside
/// the copy ONNX Runtime keeps and uses. Once a session is built those file pages are never read again: this asks
/// the kernel to reclaim them now (MADV_PAGEOUT, a hint: clean file pages are dropped and read back from the file if
/// ever touched; written pages are left alone), so the process's resident memory is what it uses.
/// </summary>
internal static class ModelFilePages
{
    private const int MadvisePageOut = 21; // Linux 5.4+; older kernels refuse it with EINVAL, and nothing changes

    /// <summary>Pages of every mapping of <paramref name="assemblyPath"/> in this process are offered back to the kernel.</summary>
    public static void Release(string assemblyPath)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(assemblyPath)) return;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // "7f1c2a000000-7f1c2f400000 r--p 00000000 08:01 1234  /path/to/Model.dll"
                if (!line.EndsWith(assemblyPath, StringComparison.Ordinal)) continue;
                var range = line.AsSpan(0, line.IndexOf(' '));
                var dash = range.IndexOf('-');
                var start = ulong.Parse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var end = ulong.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _ = Madvise((nint)start, (nuint)(end - start), MadvisePageOut);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or EntryPointNotFoundException or DllNotFoundException)
        {
            // Only memory is at stake: the model works the same.
        }
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
