using System.Text.RegularExpressions;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Engine;

/// <summary>
/// What a message says besides product words, read from its accent-free, lower-case form: greetings, thanks,
/// price or stock questions, list requests, ordinals, opt-out keywords, a request for a person.
/// </summary>
public sealed partial class MessageCues
{
    private static readonly HashSet<string> OptOutWords = new(StringComparer.Ordinal) { "stop", "baja", "cancelar", "unsubscribe", "stopall", "darme de baja", "dar de baja" };
    private static readonly HashSet<string> OptInWords = new(StringComparer.Ordinal) { "start", "alta", "unstop", "darme de alta", "dar de alta", "suscribir" };
    private static readonly string[] Ordinals = ["primero", "primera", "segundo", "segunda", "tercero", "tercera", "cuarto", "cuarta", "quinto", "quinta", "sexto", "sexta"];

    private MessageCues(string text)
    {
        Text = text;
        Words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _squeezed = [.. Words.Select(Squeeze)];
    }

    private readonly HashSet<string> _squeezed;

    /// <summary>The message folded: no accents, lower case, single spaces, no punctuation.</summary>
    public string Text { get; }

    public string[] Words { get; }

    public bool IsOptOut => OptOutWords.Contains(Text);

    public bool IsOptIn => OptInWords.Contains(Text);

    public bool AsksForPerson => Has("humano", "humana") || Phrase(PersonRequest());

    public bool IsGreeting => Has("hola", "holi", "ola", "wena", "wenas", "buenas", "alo", "saludos", "hey", "hello", "hi") || Phrase(GreetingPhrase());

    public bool IsThanks => Has("gracias", "grax", "graciass", "gracia", "thanks", "thx", "agradecido", "agradecida") || Text.Contains("te pasaste", StringComparison.Ordinal);

    public bool IsGoodbye => Has("chao", "chau", "adios", "bye", "chaito") || Phrase(GoodbyePhrase());

    public bool AsksForHelp => Has("ayuda", "help", "ayudame", "ayudar") || Phrase(HelpPhrase());

    public bool AsksForCatalog => Has("catalogo", "menu", "carta") || Phrase(CatalogPhrase());

    /// <summary>Greeting, thanks, goodbye, help or catalog: talk that needs no product.</summary>
    public bool IsSocial => IsGreeting || IsThanks || IsGoodbye || AsksForHelp || AsksForCatalog;

    public bool AsksPrice => Has("cuanto", "precio", "precios", "valor", "cuesta", "cuestan", "vale", "valen", "sale", "salen", "cobran");

    public bool AsksStock => Has("stock", "disponible", "disponibles", "quedan", "queda", "existencias", "hay") && !AsksPrice;

    public bool AsksForList => Has("muestrame", "muestra", "mostrar", "opciones", "tipos", "todos", "todas", "cuales", "lista", "variedades", "modelos")
        || Phrase(ListPhrase());

    /// <summary>"el segundo", "la 2", "opción 3", "el último": a pick from the list just shown, or null.</summary>
    public int? Ordinal
    {
        get
        {
            if (Words.Length is 0 or > 4)
            {
                return null;
            }

            if (Has("ultimo", "ultima"))
            {
                return -1;
            }

            var named = Array.FindIndex(Ordinals, o => Words.Contains(o));
            if (named >= 0)
            {
                return (named / 2) + 1;
            }

            var number = PickByNumber().Match(Text);
            return number.Success ? int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }

    public static MessageCues Of(string message) => new(NameNormalizer.Normalize(message ?? string.Empty));

    /// <summary>Cue words also count when stretched ("holaaa", "graciass", "chaooo").</summary>
    private bool Has(params string[] words) => words.Any(w => Words.Contains(w) || _squeezed.Contains(w));

    private static string Squeeze(string word) =>
        string.Concat(word.Where((c, i) => i == 0 || c != word[i - 1]));

    private bool Phrase(Regex pattern) => pattern.IsMatch(Text);

    [GeneratedRegex(@"\b(hablar|habla|comunicar|comunicarme|contactar|atender|atienda|pasar|pasame|derivar|quiero|necesito)\b.*\b(persona|alguien|ejecutiv[oa]|agente|asesor[a]?|vendedor[a]?|operador[a]?|humano)\b|^(una )?(persona|ejecutiv[oa]|agente|asesor[a]?)$")]
    private static partial Regex PersonRequest();

    [GeneratedRegex(@"^(buen(os|as)? (dia|dias|tarde|tardes|noche|noches))\b")]
    private static partial Regex GreetingPhrase();

    [GeneratedRegex(@"\b(hasta (luego|pronto|la proxima|mañana|manana)|nos vemos|nos vimos)\b")]
    private static partial Regex GoodbyePhrase();

    [GeneratedRegex(@"\b(como funciona|(que|q|k) (puedo|puedes|podi|podis) (pregunt\w*|hacer)|como te uso|en (que|q) me (puedes )?ayuda\w*)\b")]
    private static partial Regex HelpPhrase();

    [GeneratedRegex(@"\b((que|q|k) (venden|vendes|productos)\b|lista de productos|todos (los|sus) productos|(que|q|k) (cosas )?(tienen|tienes|hay)$)")]
    private static partial Regex CatalogPhrase();

    [GeneratedRegex(@"^(y )?(que|q|k) (\w+ ){1,4}(tienes|tienen|hay|venden|vendes)\b|^(y )?(que|q|k) (tienes|tienen|hay|venden|vendes) (de|en|pa|para)\b|\b(ver|conocer) (los|las)\b")]
    private static partial Regex ListPhrase();

    [GeneratedRegex(@"^(?:el|la|los|las|opcion|numero|nro|n|quiero el|quiero la|dame el|dame la)?\s*(\d{1,2})$")]
    private static partial Regex PickByNumber();
}
