using System.Runtime.InteropServices;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// The C API of USearch (<c>c/usearch.h</c>, shipped as <c>libusearch_c</c> in the Cloud.Unum.USearch package). The
/// package's managed wrapper cannot reserve, save, memory-map or filter, which a persisted index needs, so the calls
/// are made here directly. Every function reports failure through its last argument: a message owned by the library.
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    public enum MetricKind
    {
        Cosine = 1,
        InnerProduct = 2,
    }

    /// <summary>How the index stores each vector (the values are part of the file format).</summary>
    public enum ScalarKind
    {
        Float32 = 1,
        Float16 = 3,
        Int8 = 4,
    }

    /// <summary><c>usearch_init_options_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public MetricKind Metric;
        public nint CustomMetric;
        public ScalarKind Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        /// <summary>C <c>bool</c>: one byte.</summary>
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Save(IndexHandle index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_view", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void View(IndexHandle index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(IndexHandle index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(IndexHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(IndexHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(IndexHandle index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(IndexHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(IndexHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(IndexHandle index, ulong key, void* vector, ScalarKind kind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(IndexHandle index, void* query, ScalarKind kind, nuint count, ulong* keys, float* distances, out nint error);

    /// <summary>The filter returns non-zero for a key that may be in the results; it is called during the graph walk.</summary>
    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        IndexHandle index, void* query, ScalarKind kind, nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter, nint filterState,
        ulong* keys, float* distances, out nint error);

    /// <summary>Throws when a call reported an error.</summary>
    public static void Check(nint error, string doing)
    {
        if (error != 0) throw new IOException($"USearch failed to {doing}: {Marshal.PtrToStringUTF8(error)}");
    }

    /// <summary>An index handle freed exactly once, after the last call that uses it returns.</summary>
    public sealed class IndexHandle : SafeHandle
    {
        public IndexHandle() : base(0, ownsHandle: true) { }

        public IndexHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            Free(handle, out _);
            return true;
        }
    }
}
