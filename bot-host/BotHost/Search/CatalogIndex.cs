using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Search;

/// <summary>
/// One tenant's catalog in an in-memory Lucene index: name, category and description with Spanish analysis,
/// searched with exact, fuzzy (typos) and prefix queries. Holds only that tenant's active products, so no
/// query can ever return another shop's product or one the shop has switched off.
/// </summary>
public sealed class CatalogIndex : IDisposable
{
    private const string Position = "pos";
    private const string Name = "name";
    private const string Category = "category";
    private const string Description = "description";

    /// <summary>A word in more than this share of a shop's products ("perro" at a dog shop) tells its products apart poorly.</summary>
    private const double GenericShare = 0.4;

    private static readonly ProductAnalyzer Analyzer = new();

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly IndexedProduct[] _products;
    private readonly HashSet<string> _genericTerms;
    private readonly HashSet<string> _categoryTerms;
    private readonly Dictionary<string, Product> _byId;
    private readonly NumericDocValues _positions;

    public CatalogIndex(IEnumerable<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        _products = [.. products.Where(p => p.Status == ProductStatus.Active).Select(IndexedProduct.Of)];
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(ProductAnalyzer.Version, Analyzer)))
        {
            for (var i = 0; i < _products.Length; i++)
            {
                var p = _products[i];
                writer.AddDocument(new Document
                {
                    new NumericDocValuesField(Position, i),
                    new TextField(Name, $"{p.Product.Name} {string.Join(' ', p.JoinedTerms)}", Field.Store.NO),
                    new TextField(Category, p.Product.Category ?? string.Empty, Field.Store.NO),
                    new TextField(Description, p.Product.Description ?? string.Empty, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
        _positions = MultiDocValues.GetNumericValues(_reader, Position);
        CategorySizes = _products.Select(p => p.Product.Category).OfType<string>()
            .GroupBy(c => c, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        Categories = [.. CategorySizes.Keys];
        _categoryTerms = [.. _products.SelectMany(p => p.CategoryTerms)];
        _byId = _products.Select(p => p.Product).DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);
        // Category words stay: "juegos" is in half of a game shop's products, and still asks for the games.
        _genericTerms = _products.Length < 5 ? [] : [.. _products.SelectMany(p => p.AllTerms.Distinct())
            .GroupBy(t => t).Where(g => g.Count() > _products.Length * GenericShare && !_categoryTerms.Contains(g.Key)).Select(g => g.Key)];
    }

    /// <summary>Active products, in catalog order.</summary>
    public IEnumerable<Product> Products => _products.Select(p => p.Product);

    /// <summary>An active product of this shop by its ID.</summary>
    public Product? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<string> Categories { get; }

    /// <summary>How many active products each category holds.</summary>
    public IReadOnlyDictionary<string, int> CategorySizes { get; }

    public int Count => _products.Length;

    /// <summary>The question's search terms after Spanish analysis (stop words and filler removed, stemmed).</summary>
    public static IReadOnlyList<string> TermsOf(string text) => Analyzer.Terms(text);

    /// <summary>The terms that tell this shop's products apart: words nearly every product has are dropped, unless nothing else is left.</summary>
    public IReadOnlyList<string> Distinctive(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var kept = terms.Where(t => !_genericTerms.Contains(t)).ToList();
        return kept.Count > 0 ? kept : terms;
    }

    /// <summary>Whether the term names (a typo of) one of this shop's categories.</summary>
    public bool IsCategoryTerm(string term) => _categoryTerms.Any(c => TermSimilarity.Matches(c, term));

    /// <summary>Products relevant to the terms, best first, with which terms each one matched.</summary>
    public IReadOnlyList<ProductMatch> Search(IReadOnlyList<string> terms, int max = 30)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0 || _products.Length == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            query.Add(TermQuery(term), Occur.SHOULD);
        }

        var hits = _searcher.Search(query, max).ScoreDocs;
        var matches = new List<ProductMatch>(hits.Length);
        foreach (var hit in hits)
        {
            var indexed = _products[(int)_positions.Get(hit.Doc)];
            matches.Add(indexed.Match(terms, hit.Score));
        }

        return matches;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    /// <summary>One term against every field: the best of exact, typo-tolerant and prefix matches, name first.</summary>
    private static DisjunctionMaxQuery TermQuery(string term)
    {
        var edits = term.All(char.IsAsciiDigit) ? 0 : TermSimilarity.AllowedEdits(term.Length);
        var any = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in new[] { (Name, 4f), (Category, 3f), (Description, 1f) })
        {
            any.Add(new Lucene.Net.Search.TermQuery(new Term(field, term)) { Boost = boost });
            if (edits > 0 && field != Description)
            {
                any.Add(new FuzzyQuery(new Term(field, term), edits) { Boost = boost * 0.6f });
            }

            if (term.Length >= 3)
            {
                any.Add(new PrefixQuery(new Term(field, term)) { Boost = boost * 0.5f });
            }
        }

        return any;
    }

    // JoinedTerms: adjacent name words written together ("Spider-Man" → spiderman, "Joy-Con" → joycon), as shoppers type them.
    private sealed record IndexedProduct(Product Product, string[] NameTerms, string[] JoinedTerms, string[] CategoryTerms, string[] DescriptionTerms)
    {
        public IEnumerable<string> AllTerms => NameTerms.Concat(CategoryTerms).Concat(DescriptionTerms);

        public static IndexedProduct Of(Product p)
        {
            var words = NameNormalizer.Normalize(p.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var joined = words.Zip(words.Skip(1), (a, b) => a + b).SelectMany(Analyzer.Terms).ToArray();
            return new IndexedProduct(p, [.. Analyzer.Terms(p.Name)], joined,
                [.. Analyzer.Terms(p.Category ?? string.Empty)], [.. Analyzer.Terms(p.Description ?? string.Empty)]);
        }

        public ProductMatch Match(IReadOnlyList<string> terms, float relevance)
        {
            int name = 0, category = 0, description = 0, words = 0, inCategory = 0, matched = 0;
            var coveredName = new HashSet<string>(StringComparer.Ordinal);
            var distinct = terms.Distinct().ToList();
            foreach (var term in distinct)
            {
                var inName = NameTerms.Where(t => TermSimilarity.Matches(t, term)).ToList();
                var joined = JoinedTerms.Any(t => TermSimilarity.Matches(t, term));
                var categoryHit = CategoryTerms.Any(t => TermSimilarity.Matches(t, term));
                inCategory += categoryHit ? 1 : 0;
                var hit = true;
                if (inName.Count > 0 || joined)
                {
                    name++;
                    coveredName.UnionWith(inName.Count > 0 ? inName : NameTerms);
                }
                else if (categoryHit)
                {
                    category++;
                }
                else if (DescriptionTerms.Any(t => t == term || (t.Length - term.Length == 1 && t.StartsWith(term, StringComparison.Ordinal))))
                {
                    description++;
                }
                else
                {
                    hit = false;
                }

                matched += hit ? 1 : 0;
                words += hit && !term.All(char.IsAsciiDigit) ? 1 : 0;
            }

            // A bare number ("5") says nothing alone: it only adds to a product a word already matched.
            if (words == 0)
            {
                return new ProductMatch(Product, 0, 0, 0, 0, relevance, 0, 0);
            }

            var coverage = NameTerms.Length == 0 ? 0 : (double)coveredName.Count / NameTerms.Distinct().Count();
            return new ProductMatch(Product, name, category, description, coverage, relevance, inCategory, (double)matched / distinct.Count)
            {
                CategoryCoversQuery = inCategory == distinct.Count,
            };
        }
    }
}
