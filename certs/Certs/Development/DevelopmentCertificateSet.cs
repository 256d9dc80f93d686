namespace Sintestesia.Certs;

/// <summary>The development CA and wildcard leaf, where they are stored, and how to trust them.</summary>
/// <param name="Authority">The local CA certificate (with key, to sign a new leaf later).</param>
/// <param name="Leaf">The leaf for <c>*.{baseDomain}</c>, <c>{baseDomain}</c> and <c>localhost</c>; its chain holds the CA.</param>
/// <param name="AuthorityCertificatePath">PEM file of the CA certificate, to pass to <c>curl --cacert</c>.</param>
/// <param name="LeafChainPath">PEM file of the leaf followed by the CA.</param>
/// <param name="LeafKeyPath">PEM file of the leaf's private key (mode 0600).</param>
/// <param name="Created">Whether anything was created on this start (false when both were reused).</param>
/// <param name="TrustHint">One sentence telling how to make curl trust the CA.</param>
public sealed record DevelopmentCertificateSet(
    StoredCertificate Authority,
    StoredCertificate Leaf,
    string AuthorityCertificatePath,
    string LeafChainPath,
    string LeafKeyPath,
    bool Created,
    string TrustHint);
