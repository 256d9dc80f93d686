using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>Acme's Twilio webhook with a form the test shaped, optionally carrying <c>I-Twilio-Idempotency-Token</c>.</summary>
public static class TwilioForms
{
    public static async Task<string?> SayToAcmeOnTwilioAsync(
        this BotHostFixture host, string phone, IReadOnlyDictionary<string, string> form, string? idempotencyToken = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        Assert.Equal($"whatsapp:{phone}", form["From"]);
        if (idempotencyToken is null)
        {
            return await host.SayOnTwilioAsync(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, DemoShops.AcmeToken, form);
        }

        using var request = host.Gateway.Twilio(DemoShops.AcmeId, DemoShops.AcmeTwilioUrl, form,
            TwilioSignature.Compute(DemoShops.AcmeToken, DemoShops.AcmeTwilioUrl, form));
        request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyToken);
        using var response = await host.Client.SendAsync(request);
        return await Responses.TwimlMessageAsync(response);
    }
}
