namespace Sintestesia.BotHost.Engine;

/// <summary>What a message asks for; also the <c>intent</c> reported with each JSON answer.</summary>
public enum Intent
{
    Greeting,
    Product,
    List,
    Price,
    Stock,
    Catalog,
    Thanks,
    Goodbye,
    Help,
    Handoff,
    OptOut,
    OptIn,
    Select,
    NotFound,
    Silent,
}

public static class IntentNames
{
    public static string ToContractName(this Intent intent) => intent switch
    {
        Intent.OptOut => "opt_out",
        Intent.OptIn => "opt_in",
        Intent.NotFound => "not_found",
        _ => intent.ToString().ToLowerInvariant(),
    };
}
