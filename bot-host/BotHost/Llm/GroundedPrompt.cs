using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Llm;

/// <summary>
/// The messages sent to the model: rules and the retrieved products in one system message, then the conversation
/// so far, then the shopper's message. The retrieved products are the only catalog data the model ever sees.
/// </summary>
internal static class GroundedPrompt
{
    public static List<ChatMessage> Build(GroundedQuestion question, IReadOnlyList<Product> retrieved)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieved);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemText(question, retrieved)) };
        messages.AddRange(question.History.Select(turn => new ChatMessage(turn.FromShopper ? ChatRole.User : ChatRole.Assistant, turn.Text)));
        messages.Add(new ChatMessage(ChatRole.User, question.Message));
        return messages;
    }

    private static string SystemText(GroundedQuestion question, IReadOnlyList<Product> retrieved)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Eres el asistente de ventas de la tienda {question.ShopName} y atiendes por WhatsApp.");
        if (!string.IsNullOrWhiteSpace(question.Persona))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Indicaciones de la tienda sobre tu forma de ser: {question.Persona.Trim()}");
        }

        text.AppendLine("""
            Reglas:
            - Responde en español de Chile, breve y cordial: pocas líneas, es un chat de WhatsApp.
            - Usa SOLO los productos de la lista de abajo. Nunca inventes productos, precios ni stock.
            - Escribe el nombre de cada producto exactamente como aparece en la lista y entre asteriscos (*Nombre*); no uses asteriscos para nada más.
            - Escribe los precios exactamente como aparecen en la lista; no calcules totales ni descuentos.
            - Si un producto tiene stock 0, di que está agotado.
            - Si ningún producto de la lista sirve para lo que pide el cliente, dilo claramente.
            Productos que puedes mencionar:
            """);
        if (retrieved.Count == 0)
        {
            text.AppendLine("(ninguno)");
        }

        foreach (var product in retrieved)
        {
            text.AppendLine(Line(product, question.FormatPrice));
        }

        return text.ToString().TrimEnd();
    }

    private static string Line(Product product, Func<decimal, string> formatPrice)
    {
        var category = string.IsNullOrWhiteSpace(product.Category) ? string.Empty : $" | categoría: {product.Category}";
        var stock = product.Stock > 0
            ? product.Stock.ToString(CultureInfo.InvariantCulture)
            : "0 (agotado)";
        return $"- *{product.Name}*{category} | precio: {formatPrice(product.Price)} | stock: {stock}";
    }
}
