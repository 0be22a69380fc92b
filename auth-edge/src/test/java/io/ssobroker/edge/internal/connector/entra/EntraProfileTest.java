package io.ssobroker.edge.internal.connector.entra;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.oidc.ProviderMetadata;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Entra adds to OpenID Connect: tenants and their issuers, the domain hint, the domain owner's verification. */
class EntraProfileTest {

  private static final String AUTHORITY = "https://login.microsoftonline.com";
  private static final String HOME = "0b5e4c8a-3d2f-4e71-9a6b-5c4d3e2f1a0b";
  private static final String CUSTOMER = "6f1f8a3c-0c9e-4f0e-9a36-1f2d3c4b5a61";
  private static final String CONSUMERS = AzureSettings.CONSUMER_TENANT;
  private static final ProviderMetadata MULTI = metadata(AUTHORITY + "/{tenantid}/v2.0");
  private static final ProviderMetadata SINGLE = metadata(AUTHORITY + "/" + CUSTOMER + "/v2.0");

  private static ProviderMetadata metadata(String issuer) {
    return new ProviderMetadata(issuer, URI.create(AUTHORITY + "/a"), URI.create(AUTHORITY + "/t"),
        URI.create(AUTHORITY + "/k"), false, false);
  }

  private static EntraProfile profile(String tenantType, String... allowed) {
    JsonObject parameters = new JsonObject().put("tenantId", tenantType.equals("single") ? CUSTOMER : HOME)
        .put("tenantType", tenantType).put("clientId", "app");
    if (allowed.length > 0) {
      parameters.put("allowedTenants", new JsonArray(java.util.List.of(allowed)));
    }
    AzureSettings settings = (AzureSettings) ConnectorDefinition.openSettings(ConnectorKind.AZURE, parameters,
        Optional.of("secret"));
    return new EntraProfile(settings, new IdpAuthorities(URI.create(AUTHORITY), URI.create("https://g"), "https"));
  }

  private static LoginReason refusal(Runnable check) {
    try {
      check.run();
    } catch (LoginFailure refused) {
      return refused.reason();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void aSingleTenantConnectorTrustsItsTenantOnly() {
    EntraProfile single = profile("single");
    assertThat(single.discoveryUrl().toString())
        .isEqualTo(AUTHORITY + "/" + CUSTOMER + "/v2.0/.well-known/openid-configuration");
    assertThat(single.discoveryIssuer()).isEqualTo(AUTHORITY + "/" + CUSTOMER + "/v2.0");
    assertThat(single.tokenIssuer(SINGLE, new JsonObject().put("tid", CUSTOMER))).isEqualTo(SINGLE.issuer());
    assertThat(refusal(() -> single.tokenIssuer(SINGLE, new JsonObject().put("tid", HOME))))
        .isEqualTo(LoginReason.TENANT_NOT_ALLOWED);
    assertThat(refusal(() -> single.tokenIssuer(SINGLE, new JsonObject()))).isEqualTo(LoginReason.TENANT_NOT_ALLOWED);
    assertThat(single.callbackIssuers(SINGLE)).containsExactly(SINGLE.issuer());
  }

  @Test
  void aMultiTenantConnectorTrustsTheTenantsItNamesAndNeverTheirTemplate() {
    EntraProfile multi = profile("multi", CUSTOMER);
    assertThat(multi.discoveryUrl().toString()).isEqualTo(AUTHORITY + "/organizations/v2.0/.well-known/openid-configuration");
    assertThat(multi.discoveryIssuer()).isEqualTo(AUTHORITY + "/{tenantid}/v2.0");
    assertThat(multi.tokenIssuer(MULTI, new JsonObject().put("tid", CUSTOMER))).isEqualTo(AUTHORITY + "/" + CUSTOMER + "/v2.0");
    assertThat(multi.tokenIssuer(MULTI, new JsonObject().put("tid", CUSTOMER.toUpperCase())))
        .isEqualTo(AUTHORITY + "/" + CUSTOMER.toUpperCase() + "/v2.0");
    for (Object foreign : new Object[] {HOME, CONSUMERS, "a3b2c1d0-e9f8-4a7b-8c6d-5e4f3a2b1c0d", 42}) {
      assertThat(refusal(() -> multi.tokenIssuer(MULTI, new JsonObject().put("tid", foreign)))).as("%s", foreign)
          .isEqualTo(LoginReason.TENANT_NOT_ALLOWED);
    }
    assertThat(multi.callbackIssuers(MULTI)).containsExactly(AUTHORITY + "/" + CUSTOMER + "/v2.0");
  }

  @Test
  void theDomainHintNamesTheUsersDomain() {
    Map<String, String> parameters = new HashMap<>();
    profile("single").addAuthorizationParameters(parameters, EmailAddress.parse("dan@Contoso.com"));
    assertThat(parameters).containsEntry("domain_hint", "contoso.com");
    Map<String, String> withoutHint = new HashMap<>();
    profile("single").addAuthorizationParameters(withoutHint, Optional.empty());
    assertThat(withoutHint).isEmpty();
  }

  @Test
  void anEmailWhoseDomainOwnerIsNotVerifiedIsRefusedAndOtherwiseEntraIsTakenAsItIs() {
    EntraProfile profile = profile("multi", CUSTOMER);
    for (Object unverified : new Object[] {false, "false", 0, "no"}) {
      assertThat(refusal(() -> profile.checkEmailClaims(new JsonObject().put("xms_edov", unverified))))
          .as("%s", unverified).isEqualTo(LoginReason.EMAIL_DOMAIN_NOT_VERIFIED);
    }
    profile.checkEmailClaims(new JsonObject().put("xms_edov", true));
    profile.checkEmailClaims(new JsonObject().put("xms_edov", "true"));
    profile.checkEmailClaims(new JsonObject().put("email_verified", false));
    profile.checkEmailClaims(new JsonObject());
  }
}
