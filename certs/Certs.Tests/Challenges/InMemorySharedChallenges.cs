using System.Collections.Concurrent;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>A shared challenge store in this process's memory, standing in for the database; counts the lookups that reach it.</summary>
internal sealed class InMemorySharedChallenges : ISharedChallengeStore
{
    private readonly ConcurrentDictionary<(string Type, string Name), string> _challenges = new();
    private int _lookups;

    public int Lookups => _lookups;

    public bool IsEmpty => _challenges.IsEmpty;

    public Task SaveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        _challenges[(challengeType, name)] = keyAuthorization;
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(string challengeType, string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(_challenges.GetValueOrDefault((challengeType, name)));
    }

    public Task RemoveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        _challenges.TryRemove(new KeyValuePair<(string, string), string>((challengeType, name), keyAuthorization));
        return Task.CompletedTask;
    }
}
