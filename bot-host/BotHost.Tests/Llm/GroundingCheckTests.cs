using Sintestesia.BotHost.Llm;
using static Sintestesia.BotHost.Tests.Llm.ShopQuestions;

namespace Sintestesia.BotHost.Tests.Llm;

public sealed class GroundingCheckTests
{
    private static GroundingVerdict Check(string? answer) => GroundingCheck.Check(answer, Retrieved, FormatPrice);

    [Theory]
    [InlineData("La *PlayStation 5* está a $549.990 y quedan 8.")]
    [InlineData("La *playstation 5* está a $ 549.990.")]
    [InlineData("La *PlayStation 5* vale 549.990 pesos.")]
    [InlineData("La *PlayStation 5* vale CLP 549990.")]
    [InlineData("La *PlayStation 5* vale CLP$549.990.")]
    [InlineData("La *PlayStation 5* vale $549990.")]
    [InlineData("La *PlayStation 5* vale 549.990 CLP.")]
    [InlineData("La * PlayStation 5 * está a *$549.990*.")]
    public void RetrievedProductWithItsPriceIsAcceptedHoweverThePriceIsWritten(string answer) =>
        Assert.True(Check(answer).Accepted, Check(answer).Reason);

    [Fact]
    public void NamesAreComparedWithoutAccentsOrCase()
    {
        var blanket = Item("Pañuelo Térmico Búho", 12990, 4, "Ropa");

        var verdict = GroundingCheck.Check("Te recomiendo el *panuelo termico buho* a $12.990.", [blanket], FormatPrice);

        Assert.True(verdict.Accepted, verdict.Reason);
    }

    [Fact]
    public void AnswerThatNamesNoProductAndNoPriceIsAccepted() =>
        Assert.True(Check("Lo siento, no tenemos eso por ahora. ¿Te muestro nuestras consolas?").Accepted);

    [Fact]
    public void NumbersThatAreNotPricesAreLeftAlone() =>
        Assert.True(Check("La *PlayStation 5* tiene 8 unidades, hasta 12 cuotas y envío en 2 días.").Accepted);

    [Theory]
    [InlineData("Tenemos la *Xbox Series X* a $599.990.")]
    [InlineData("Tenemos la *PlayStation 5 Pro*.")]
    [InlineData("Tenemos la *PlayStation 5* y la *Mario Kart 8 Deluxe*.")]
    [InlineData("*¡Oferta!* La *PlayStation 5* está a $549.990.")]
    public void BoldNameThatIsNotARetrievedProductIsRejected(string answer)
    {
        var verdict = Check(answer);

        Assert.False(verdict.Accepted);
        Assert.Contains("not one of the 2 retrieved products", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("La *PlayStation 5* está a $499.990.")]
    [InlineData("La *PlayStation 5* está a $ 549.991.")]
    [InlineData("La *PlayStation 5* vale 599.990 pesos.")]
    [InlineData("La *PlayStation 5* vale CLP 599990.")]
    [InlineData("Dos *PlayStation 5* te salen $1.099.980 en total.")]
    [InlineData("La *PlayStation 5* está a $549.990 y con el descuento queda en $499.990.")]
    public void PriceThatNoRetrievedProductHasIsRejected(string answer)
    {
        var verdict = Check(answer);

        Assert.False(verdict.Accepted);
        Assert.Contains("quotes a price", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceOfAProductOutsideTheRetrievedListIsRejected() =>
        Assert.False(Check($"También hay algo a {FormatPrice(Xbox.Price)}.").Accepted);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void EmptyAnswerIsRejected(string? answer) => Assert.Equal("is empty", Check(answer).Reason);

    [Fact]
    public void AnswerOfExactlyTheLimitIsAcceptedAndOneCharacterMoreIsRejected()
    {
        Assert.True(Check(new string('a', GroundingCheck.MaxLength)).Accepted);

        var verdict = Check(new string('a', GroundingCheck.MaxLength + 1));
        Assert.False(verdict.Accepted);
        Assert.Contains("more than the 1000 allowed", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("La *Nintendo Switch* está a $299.990.")]
    [InlineData("Sí, tenemos Nintendo Switch.")]
    public void SoldOutProductNamedWithoutSayingSoIsRejected(string answer)
    {
        var verdict = Check(answer);

        Assert.False(verdict.Accepted);
        Assert.Contains("agotado", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("La *Nintendo Switch* está agotada; te ofrezco la *PlayStation 5* a $549.990.")]
    [InlineData("La *Nintendo Switch* ($299.990) está AGOTADA.")]
    [InlineData("La *Nintendo Switch* está sin stock por ahora.")]
    public void SoldOutProductNamedAsSoldOutIsAccepted(string answer) =>
        Assert.True(Check(answer).Accepted, Check(answer).Reason);

    [Fact]
    public void RejectionReasonNeverQuotesTheAnswer()
    {
        const string answer = "Tenemos la *Consola Secreta* a $1.234.567.";

        Assert.DoesNotContain("Consola Secreta", Check(answer).Reason, StringComparison.Ordinal);
    }
}
