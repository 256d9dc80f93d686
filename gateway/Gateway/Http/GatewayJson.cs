using System.Text.Json.Serialization;
using Sintestesia.Gateway.Api;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Http;

/// <summary>Every JSON shape the gateway reads or writes; snake_case as the contract spells it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(TenantsResponse))]
[JsonSerializable(typeof(TenantJson))]
[JsonSerializable(typeof(AdminTenantJson))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(UpdateTenantRequest))]
[JsonSerializable(typeof(TwilioRequest))]
[JsonSerializable(typeof(MetaRequest))]
[JsonSerializable(typeof(List<ProductInput>))]
[JsonSerializable(typeof(CountResponse))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(ConversationJson))]
[JsonSerializable(typeof(ConversationsResponse))]
[JsonSerializable(typeof(ReadinessResponse))]
[JsonSerializable(typeof(CertificatesResponse))]
[JsonSerializable(typeof(CertificateJson))]
[JsonSerializable(typeof(IssueCertificateRequest))]
[JsonSerializable(typeof(RenewCertificatesRequest))]
[JsonSerializable(typeof(RenewCertificatesResponse))]
[JsonSerializable(typeof(BotPoolsResponse))]
[JsonSerializable(typeof(BotPoolJson))]
[JsonSerializable(typeof(BotPoolRequest))]
internal sealed partial class GatewayJson : JsonSerializerContext;
