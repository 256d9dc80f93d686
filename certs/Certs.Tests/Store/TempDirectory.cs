namespace Sintestesia.Certs.Tests.Store;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sintestesia-certs-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
