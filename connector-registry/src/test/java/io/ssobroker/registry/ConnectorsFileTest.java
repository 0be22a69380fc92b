package io.ssobroker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.connector.AzureSettings;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.GoogleSettings;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OidcSettings;
import io.ssobroker.platform.connector.OktaSettings;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.registry.ConnectorsFile.FileConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsFileTest {

  @TempDir
  Path directory;

  private Path file(String json) throws IOException {
    return Files.writeString(directory.resolve("connectors.json"), json);
  }

  private static final String TENANT = "00000000-0000-0000-0000-000000000001";

  private String errorOf(String json, Map<String, String> environment) throws IOException {
    Path path = file(json);
    try {
      ConnectorsFile.read(path, environment);
    } catch (ConfigException expected) {
      assertThat(expected.getMessage()).startsWith("connectors file " + path + ": ");
      return expected.getMessage().substring(("connectors file " + path + ": ").length());
    }
    throw new AssertionError("the file was accepted");
  }

  @Test
  void readsEveryKind() throws IOException {
    Path secret = Files.writeString(directory.resolve("okta-secret"), "okta-secret-value\n");
    List<FileConnector> connectors = ConnectorsFile.read(file("""
        {
          "acme": [{
            "kind": "azure", "displayName": "Acme Entra ID", "domains": ["Acme.com", "acme.fr"], "emailPattern": ".*@acme\\\\.(com|fr)",
            "parameters": {"tenantId": "00000000-0000-0000-0000-000000000001", "tenantType": "single", "clientId": "a",
                           "clientSecret": "${env:ACME_SECRET}", "clientSecretExpiresAt": "2027-06-30",
                           "scopes": ["openid", "profile", "email"]},
            "claimMapping": {"email": "preferred_username"}
          }],
          "globex": [
            {"kind": "google", "domains": ["globex.com"], "parameters": {"clientId": "g", "clientSecret": "literal", "hostedDomain": "globex.com"}},
            {"kind": "okta", "domains": ["globex.io"], "parameters": {"oktaDomain": "globex.okta.com", "authorizationServerId": "default", "clientId": "o", "clientSecret": "${file:%s}"}},
            {"kind": "oidc", "domains": ["globex.net"], "parameters": {"discoveryEndpoint": "https://idp.globex.net/.well-known/openid-configuration", "clientId": "c", "clientSecret": "s"}},
            {"kind": "saml", "domains": ["globex.org"], "parameters": {"metadataUrl": "https://idp.globex.org/metadata"}}
          ]
        }
        """.formatted(secret)), Map.of("ACME_SECRET", "acme-secret-value"));

    assertThat(connectors).hasSize(5);
    FileConnector acme = connectors.get(0);
    assertThat(acme.org()).isEqualTo("acme");
    assertThat(acme.definition().domains()).containsExactly("acme.com", "acme.fr");
    assertThat(acme.definition().claimMapping().email()).isEqualTo("preferred_username");
    AzureSettings azure = (AzureSettings) acme.definition().settings();
    assertThat(azure.clientSecret().value()).isEqualTo("acme-secret-value");
    assertThat(azure.clientSecretExpiresAt()).hasValueSatisfying(date -> assertThat(date).hasToString("2027-06-30"));
    assertThat(azure.discoveryUrl(IdpAuthorities.VENDORS)).hasToString(
        "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0/.well-known/openid-configuration");
    assertThat(azure.toParameters().encode()).doesNotContain("acme-secret-value");

    assertThat(((GoogleSettings) connectors.get(1).definition().settings()).hostedDomain()).isEqualTo("globex.com");
    OktaSettings okta = (OktaSettings) connectors.get(2).definition().settings();
    assertThat(okta.clientSecret().value()).isEqualTo("okta-secret-value");
    assertThat(okta.discoveryUrl(IdpAuthorities.VENDORS))
        .hasToString("https://globex.okta.com/oauth2/default/.well-known/openid-configuration");
    assertThat(connectors.get(3).definition().settings()).isInstanceOf(OidcSettings.class);
    assertThat(connectors.get(4).definition().kind()).isEqualTo(ConnectorKind.SAML);
    assertThat(connectors.get(4).definition().settings()).isInstanceOf(SamlSettings.class);
    assertThat(connectors.get(1).definition().displayName()).isEqualTo("Google Workspace");
  }

  @Test
  void idsAreStableAcrossReads() throws IOException {
    String json = "{\"acme\": [{\"kind\": \"oidc\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"discoveryEndpoint\": \"https://idp.acme.com/.well-known/openid-configuration\", \"clientId\": \"c\", \"clientSecret\": \"s\"}}]}";
    assertThat(ConnectorsFile.read(file(json), Map.of()).get(0).id())
        .isEqualTo(ConnectorsFile.read(file(json), Map.of()).get(0).id());
  }

  @Test
  void emptyFileHasNoConnectors() throws IOException {
    assertThat(ConnectorsFile.read(file(""), Map.of())).isEmpty();
    assertThat(ConnectorsFile.read(file("{}"), Map.of())).isEmpty();
  }

  @Test
  void errorsNameOrgIndexAndField() throws IOException {
    String oidc = "\"kind\": \"oidc\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"discoveryEndpoint\": \"https://idp.acme.com/.well-known/openid-configuration\", %s}";
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientSecret\": \"s\"") + "}]}", Map.of()))
        .isEqualTo("acme[0].parameters.clientId: required");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"${env:MISSING}\"") + "}]}", Map.of()))
        .isEqualTo("acme[0].parameters.clientSecret: environment variable MISSING is not set");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"${file:/no/such/secret}\"") + "}]}", Map.of()))
        .isEqualTo("acme[0].parameters.clientSecret: cannot read secret file /no/such/secret");
    assertThat(errorOf("{\"acme\": [{\"kind\": \"ldap\", \"domains\": [\"acme.com\"], \"parameters\": {}}]}", Map.of()))
        .isEqualTo("acme[0].kind: must be one of azure, google, okta, oidc, saml");
    assertThat(errorOf("{\"acme\": [{\"kind\": \"azure\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"tenantId\": \"" + TENANT + "\", \"tenantType\": \"both\", \"clientId\": \"c\", \"clientSecret\": \"s\"}}]}",
        Map.of()))
        .isEqualTo("acme[0].parameters.tenantType: must be single or multi");
    assertThat(errorOf("{\"acme\": [{\"kind\": \"google\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"clientId\": \"c\", \"clientSecret\": \"s\"}}]}", Map.of()))
        .isEqualTo("acme[0].parameters.hostedDomain: required");
    assertThat(errorOf("{\"acme\": [{\"kind\": \"okta\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"clientId\": \"c\", \"clientSecret\": \"s\"}}]}", Map.of()))
        .isEqualTo("acme[0].parameters.oktaDomain: required");
    assertThat(errorOf("{\"acme\": [{\"kind\": \"saml\", \"domains\": [\"acme.com\"], \"parameters\": {}}]}", Map.of()))
        .startsWith("acme[0].parameters.metadataUrl: required");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\"")
        .replace("\"oidc\",", "\"oidc\", \"emailPattern\": \"([a-z\",") + "}]}", Map.of()))
        .startsWith("acme[0].emailPattern: not a valid regular expression");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\"")
        .replace("https://idp.acme.com", "http://idp.acme.com") + "}]}", Map.of()))
        .isEqualTo("acme[0].parameters.discoveryEndpoint: must be an absolute https URL");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\", \"clientSecert\": \"x\"") + "}]}", Map.of()))
        .isEqualTo("acme[0].parameters.clientSecert: unknown field");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\"")
        .replace("[\"acme.com\"]", "[\"not a domain\"]") + "}]}", Map.of()))
        .isEqualTo("acme[0].domains[0]: must be a domain name such as acme.com");
    assertThat(errorOf("{\"acme\": [{" + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\"") + "}, {"
        + oidc.formatted("\"clientId\": \"c\", \"clientSecret\": \"s\"") + "}]}", Map.of()))
        .isEqualTo("acme[1].domains[0]: acme.com is already routed by acme[0]");
    assertThat(errorOf("{\"Acme Corp\": []}", Map.of())).startsWith("Acme Corp: not a valid org slug");
    assertThat(errorOf("[1]", Map.of())).isEqualTo("not a JSON object keyed by org slug");
  }

  @Test
  void entraMultiTenantMustNameItsTrustedTenantsByIdAndNeverThePersonalAccountsTenant() throws IOException {
    String azure = "{\"contoso\": [{\"kind\": \"azure\", \"domains\": [\"contoso.test\"], \"parameters\": "
        + "{\"clientId\": \"c\", \"clientSecret\": \"s\", %s}}]}";
    assertThat(errorOf(azure.formatted("\"tenantId\": \"" + TENANT + "\", \"tenantType\": \"multi\""), Map.of()))
        .startsWith("contoso[0].parameters.allowedTenants: required for tenantType multi");
    assertThat(errorOf(azure.formatted("\"tenantId\": \"" + TENANT + "\", \"tenantType\": \"multi\", "
        + "\"allowedTenants\": []"), Map.of()))
        .startsWith("contoso[0].parameters.allowedTenants: required for tenantType multi");
    assertThat(errorOf(azure.formatted("\"tenantId\": \"" + TENANT + "\", \"tenantType\": \"multi\", "
        + "\"allowedTenants\": [\"" + TENANT + "\", \"9188040D-6C67-4C5B-B112-36A304B66DAD\"]"), Map.of()))
        .isEqualTo("contoso[0].parameters.allowedTenants[1]: the personal Microsoft accounts tenant cannot sign in to an org");
    assertThat(errorOf(azure.formatted("\"tenantId\": \"9188040d-6c67-4c5b-b112-36a304b66dad\", \"tenantType\": \"single\""),
        Map.of()))
        .isEqualTo("contoso[0].parameters.tenantId: the personal Microsoft accounts tenant cannot sign in to an org");
    assertThat(errorOf(azure.formatted("\"tenantId\": \"common\", \"tenantType\": \"single\""), Map.of()))
        .startsWith("contoso[0].parameters.tenantId: must be an Entra tenant id, a GUID")
        .contains("allowedTenants");
    assertThat(errorOf(azure.formatted("\"tenantId\": \"" + TENANT + "\", \"tenantType\": \"multi\", "
        + "\"allowedTenants\": [\"contoso.onmicrosoft.com\"]"), Map.of()))
        .startsWith("contoso[0].parameters.allowedTenants[0]: must be an Entra tenant id, a GUID");
  }

  @Test
  void secretsNeverAppearInErrors() throws IOException {
    String error = errorOf("{\"acme\": [{\"kind\": \"okta\", \"domains\": [\"acme.com\"], \"parameters\": "
        + "{\"oktaDomain\": \"bad domain!\", \"clientId\": \"c\", \"clientSecret\": \"super-secret-value\"}}]}", Map.of());
    assertThat(error).doesNotContain("super-secret-value");
  }
}
