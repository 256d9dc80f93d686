using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sintestesia.Certs.Tests.Sni;

namespace Sintestesia.Certs.Tests.Store;

public sealed class FileCertificateStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SavedCertificateLoadsBackWithItsChainAndAUsableKey()
    {
        var root = TestCertificates.Authority("Test Root");
        var leaf = TestCertificates.IssuedBy(root, "acme.sintestesia.cl");
        new FileCertificateStore(_directory.Path).Save(leaf.Name, leaf.Certificate, leaf.Intermediates);

        var loaded = new FileCertificateStore(_directory.Path).TryLoad("acme.sintestesia.cl");

        Assert.NotNull(loaded);
        Assert.Equal(leaf.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.Equal(root.Thumbprint, Assert.Single(loaded.Intermediates).Thumbprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
        using var privateKey = loaded.Certificate.GetECDsaPrivateKey()!;
        using var publicKey = leaf.Certificate.GetECDsaPublicKey()!;
        var signature = privateKey.SignData("hola"u8, HashAlgorithmName.SHA256);
        Assert.True(publicKey.VerifyData("hola"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void KeyFileIsReadableAndWritableOnlyByItsOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var store = new FileCertificateStore(Path.Combine(_directory.Path, "certs"));
        var leaf = TestCertificates.SelfSigned("acme.sintestesia.cl");

        store.Save(leaf.Name, leaf.Certificate, []);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetKeyPath(leaf.Name)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
    }

    [Fact]
    public void WildcardNameIsStoredUnderASafeFileNameAndListedBackAsWildcard()
    {
        var store = new FileCertificateStore(_directory.Path);
        var wildcard = TestCertificates.SelfSigned("*.sintestesia.cl");

        store.Save("*.Sintestesia.cl.", wildcard.Certificate, []);

        Assert.True(File.Exists(Path.Combine(_directory.Path, "_wildcard.sintestesia.cl.chain.pem")));
        Assert.True(File.Exists(Path.Combine(_directory.Path, "_wildcard.sintestesia.cl.key.pem")));
        Assert.Equal(["*.sintestesia.cl"], store.List());
        Assert.Equal(wildcard.Certificate.Thumbprint, store.TryLoad("*.sintestesia.cl")!.Certificate.Thumbprint);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("*.")]
    [InlineData("a..b")]
    public void NamesThatCouldEscapeTheDirectoryAreRejected(string name)
    {
        var store = new FileCertificateStore(_directory.Path);

        Assert.Throws<ArgumentException>(() => store.TryLoad(name));
    }

    [Fact]
    public void MissingCertificateLoadsAsNull() =>
        Assert.Null(new FileCertificateStore(_directory.Path).TryLoad("nadie.sintestesia.cl"));

    [Fact]
    public void CorruptChainFileIsReportedWithItsFileNameAndNotServedAtStart()
    {
        var store = new FileCertificateStore(_directory.Path);
        var good = TestCertificates.SelfSigned("good.sintestesia.cl");
        var bad = TestCertificates.SelfSigned("bad.sintestesia.cl");
        store.Save(good.Name, good.Certificate, []);
        store.Save(bad.Name, bad.Certificate, []);
        File.WriteAllText(store.GetChainPath(bad.Name), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var error = Assert.Throws<InvalidDataException>(() => store.TryLoad(bad.Name));

        Assert.Contains("bad.sintestesia.cl.chain.pem", error.Message, StringComparison.Ordinal);
        Assert.Equal(["good.sintestesia.cl"], store.LoadAll().Select(stored => stored.Name));
    }

    [Fact]
    public void KeyThatDoesNotMatchTheCertificateIsReported()
    {
        var store = new FileCertificateStore(_directory.Path);
        var first = TestCertificates.SelfSigned("acme.sintestesia.cl");
        var other = TestCertificates.SelfSigned("otro.sintestesia.cl");
        store.Save(first.Name, first.Certificate, []);
        store.Save(other.Name, other.Certificate, []);
        File.Copy(store.GetKeyPath(other.Name), store.GetKeyPath(first.Name), overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => store.TryLoad(first.Name));

        Assert.Contains("acme.sintestesia.cl.key.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacingRepeatedlyWhileAnotherThreadLoadsNeverYieldsAHalfWrittenCertificate()
    {
        var store = new FileCertificateStore(_directory.Path);
        var versions = Enumerable.Range(0, 4).Select(_ => TestCertificates.SelfSigned("acme.sintestesia.cl")).ToArray();
        var thumbprints = versions.Select(version => version.Certificate.Thumbprint).ToHashSet();
        store.Save(versions[0].Name, versions[0].Certificate, []);
        using var stop = new CancellationTokenSource();
        var loads = 0;
        var rawReads = 0;

        // Keeps replacing until both readers have read many times, whatever the thread pool schedules first.
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 20_000
                && (i < 300 || Volatile.Read(ref loads) < 100 || Volatile.Read(ref rawReads) < 100); i++)
            {
                var version = versions[i % versions.Length];
                store.Save(version.Name, version.Certificate, []);
            }

            stop.Cancel();
        });
        var reader = Task.Run(() => UntilStopped(stop, () =>
        {
            var loaded = store.TryLoad("acme.sintestesia.cl");
            Assert.NotNull(loaded);
            Assert.Contains(loaded.Certificate.Thumbprint, thumbprints);
            Assert.True(loaded.Certificate.HasPrivateKey);
            Interlocked.Increment(ref loads);
        }));

        // Bypasses the store (and its in-process lock), like another process would: each file is old or new, never partial.
        var rawReader = Task.Run(() => UntilStopped(stop, () =>
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(File.ReadAllText(store.GetChainPath("acme.sintestesia.cl")));
            Assert.Contains(Assert.Single(chain).Thumbprint, thumbprints);
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(store.GetKeyPath("acme.sintestesia.cl")));
            Interlocked.Increment(ref rawReads);
        }));
        await Task.WhenAll(writer, reader, rawReader);

        Assert.True(loads >= 100, $"only {loads} loads");
        Assert.True(rawReads >= 100, $"only {rawReads} raw reads");
        Assert.Empty(Directory.EnumerateFiles(_directory.Path, "*.tmp"));
    }

    private static void UntilStopped(CancellationTokenSource stop, Action read)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                read();
            }
        }
        finally
        {
            stop.Cancel(); // A failing reader stops the writer too.
        }
    }
}
