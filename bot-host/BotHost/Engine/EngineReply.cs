namespace Sintestesia.BotHost.Engine;

/// <summary>What the engine knows of a conversation before answering.</summary>
public sealed record ConversationStatus(bool Handoff, bool OptedOut, ConversationMemory Memory);

/// <summary>The answer (null: stay quiet), what it was, and the conversation as it stands afterwards.</summary>
public sealed record EngineReply(string? Text, Intent Intent, ConversationMemory Memory, bool Handoff, bool OptedOut);
