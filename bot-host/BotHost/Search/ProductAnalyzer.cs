using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Sintestesia.BotHost.Search;

/// <summary>
/// Spanish analysis for catalogs and shoppers' questions: lower case, accents folded (shoppers rarely type
/// them), Spanish stop words plus the filler of a shopping question, and Lucene's light Spanish stemmer for plurals.
/// </summary>
internal sealed class ProductAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Declared before StopWords: static fields initialise in text order.
    /// <summary>Words of a shopping question that never name a product.</summary>
    private static readonly string[] ShoppingFiller =
    [
        "q", "k", "tienes", "tienen", "tiene", "tenis", "hay", "quiero", "queria", "busco", "buscaba", "necesito", "venden", "vendes",
        "muestrame", "muestra", "mostrar", "ver", "dame", "favor", "porfa", "xfa", "porfavor", "cuanto", "cuanta", "cuesta", "cuestan",
        "vale", "valen", "sale", "salen", "precio", "precios", "valor", "stock", "disponible", "disponibles", "queda", "quedan",
        "po", "pos", "oye", "hola", "wena", "wenas", "buenas", "buenos", "dias", "tardes", "noches", "cachai", "info", "informacion",
        "algun", "alguna", "alguno", "algunos", "algunas", "tipo", "tipos", "opcion", "opciones", "todo", "todos", "todas", "cual",
        "cuales", "saber", "consulta", "consultar", "pregunta", "comprar", "llevar", "me", "mi", "puedes", "pueden", "podrias",
        "catalogo", "menu", "carta", "lista", "productos", "producto", "gracias", "grax", "chao", "chau", "adios", "bye", "ayuda",
        "help", "humano", "persona", "hablar", "ok", "oka", "dale", "listo", "bueno", "bacan", "genial", "perfecto", "si", "no",
        "ese", "esa", "eso", "este", "esta", "esto", "otro", "otra", "cosa", "cosas", "cuesta", "unidades", "vendo", "tendran",
        "tendras", "habra", "manden", "envio", "necesitaria", "quisiera", "gustaria", "andaba", "buscando", "mostrame",
        "pa", "pal", "aca", "aqui", "puedo", "preguntar", "preguntarte", "pasai", "pasas", "pasan", "bkn", "bacan", "compa",
        "tal", "ya", "oka", "okey", "weno", "mandai", "mandame", "amigo", "amiga", "vecino", "vecina", "jefe", "onda", "igual",
    ];

    private static readonly CharArraySet StopWords = BuildStopWords();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new SpanishLightStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms the index would hold for <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("all", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static CharArraySet BuildStopWords()
    {
        var words = SpanishAnalyzer.DefaultStopSet.Select(w => Fold(w.ToString() ?? string.Empty))
            .Concat(ShoppingFiller)
            .ToList();
        return new CharArraySet(Version, words, ignoreCase: true);
    }

    private static string Fold(string word) => Sintestesia.TenantConfig.Lookup.NameNormalizer.Normalize(word);
}
