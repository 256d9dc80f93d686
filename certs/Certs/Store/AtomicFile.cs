using System.Text;

namespace Sintestesia.Certs.Store;

/// <summary>Writes files so that readers see either the old or the new content, never a mix.</summary>
internal static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> to a new temporary file next to <paramref name="path"/>, created with mode
    /// 0600 from the start (so a key is never world-readable, not even briefly) and flushed to disk. Rename it over the
    /// target with <see cref="Commit"/>.
    /// </summary>
    public static string WriteTemporary(string path, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            using var stream = new FileStream(temp, options);
            stream.Write(Encoding.ASCII.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return temp;
    }

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="temporary"/> (a rename).</summary>
    public static void Commit(string temporary, string path) => File.Move(temporary, path, overwrite: true);
}
