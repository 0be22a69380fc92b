package io.ssobroker.app.console;

import io.ssobroker.app.console.view.KindSetup;
import io.ssobroker.app.console.view.RegisterValue;
import io.ssobroker.app.console.view.SetupField;
import io.ssobroker.edge.connector.saml.ServiceProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connector wizard's knowledge of each kind: what the customer registers at their IdP (every value derived from
 * {@code publicBaseUrl}, as the broker will use it) and which values the connector needs, as docs/connectors.md
 * describes them.
 */
final class ConnectorKinds {

  private static final String CALLBACK_PATH = "/login/callback";
  private static final String SCOPES = "openid profile email";
  private static final SetupField CLIENT_SECRET = SetupField.secret("parameters.clientSecret", "Client secret",
      "Stored encrypted, never shown again.");
  private static final SetupField CLIENT_SECRET_EXPIRES = SetupField.date("parameters.clientSecretExpiresAt",
      "Client secret expires", "Optional; the broker warns 30, 14, 7 and 1 days before.");

  private final List<KindSetup> kinds;

  ConnectorKinds(URI publicBaseUrl) {
    String base = publicBaseUrl.toString();
    RegisterValue redirectUri = new RegisterValue("Redirect URI (reply URL)", base + CALLBACK_PATH,
        "The only one: the broker sends no other.");
    RegisterValue scopes = new RegisterValue("Scopes", SCOPES, "openid is required.");
    RegisterValue claims = new RegisterValue("Claims in the ID token", "sub, email, name",
        "The email must be the user's address in one of the connector's domains.");
    RegisterValue grant = new RegisterValue("Grant type", "Authorization code (with PKCE)",
        "A confidential web application with a client secret.");
    kinds = List.of(
        new KindSetup("azure", "Microsoft Entra ID",
            "Entra admin center: App registrations > New registration, platform Web. Then Certificates & secrets > "
                + "New client secret, and Token configuration > add the optional claims email, preferred_username "
                + "and xms_edov to the ID token.",
            List.of(redirectUri, scopes, new RegisterValue("Optional ID-token claims", "email, preferred_username, "
                + "xms_edov", "xms_edov lets the broker refuse emails of unverified domains.")),
            withCommon(List.of(
                SetupField.text("parameters.tenantId", "Directory (tenant) ID", "A GUID, from the app's Overview.",
                    true),
                SetupField.choice("parameters.tenantType", "Accounts", "single: this directory only. multi: the "
                    + "vendor's multi-tenant app, trusted for the tenants listed below.", List.of("single", "multi")),
                SetupField.text("parameters.allowedTenants", "Allowed tenants (multi only)", "Tenant IDs whose "
                    + "users may sign in to this org, separated by commas.", false),
                SetupField.text("parameters.clientId", "Application (client) ID", "A GUID, from the app's Overview.",
                    true),
                SetupField.secret("parameters.clientSecret", "Client secret value", "Shown once by Entra; stored "
                    + "encrypted, never shown again."),
                CLIENT_SECRET_EXPIRES,
                SetupField.text("claimMapping.email", "Email claim", "preferred_username (the UPN) is often the "
                    + "better email claim at Entra; empty: email.", false)))),
        new KindSetup("google", "Google Workspace",
            "Google Cloud console: APIs & Services > Credentials > Create OAuth client ID, type Web application; set "
                + "the OAuth consent screen to Internal.",
            List.of(redirectUri, new RegisterValue("Authorized JavaScript origin", base,
                "Google asks for it on a web client."), scopes),
            withCommon(List.of(
                SetupField.text("parameters.hostedDomain", "Workspace primary domain", "As in acme.com: tokens "
                    + "must carry it as hd.", true),
                SetupField.text("parameters.clientId", "Client ID", "Ends in .apps.googleusercontent.com.", true),
                CLIENT_SECRET,
                CLIENT_SECRET_EXPIRES))),
        new KindSetup("okta", "Okta Workforce",
            "Okta admin console: Applications > Create App Integration, OIDC, Web Application, grant type "
                + "Authorization Code; assign the users or groups who may sign in.",
            List.of(new RegisterValue("Sign-in redirect URI", base + CALLBACK_PATH, "The only one."), scopes, grant),
            withCommon(List.of(
                SetupField.text("parameters.oktaDomain", "Okta domain", "As in acme.okta.com, or a custom domain.",
                    true),
                SetupField.text("parameters.authorizationServerId", "Authorization server", "Empty: the org "
                    + "authorization server; default: the custom server named default.", false),
                SetupField.text("parameters.clientId", "Client ID", "From the app's General tab.", true),
                CLIENT_SECRET,
                CLIENT_SECRET_EXPIRES))),
        new KindSetup("oidc", "Any OpenID Connect provider",
            "At the provider: a confidential client (web application) with the redirect URI below. Its discovery "
                + "document's issuer must be the discovery URL without /.well-known/openid-configuration.",
            List.of(redirectUri, scopes, claims, grant),
            withCommon(List.of(
                SetupField.text("parameters.discoveryEndpoint", "Discovery URL", "Ends in "
                    + "/.well-known/openid-configuration.", true),
                SetupField.text("parameters.clientId", "Client ID", "", true),
                CLIENT_SECRET,
                CLIENT_SECRET_EXPIRES,
                SetupField.text("claimMapping.email", "Email claim", "Empty: email.", false)))),
        new KindSetup("saml", "SAML 2.0",
            "At the IdP: a SAML application (relying party) for the broker as service provider, from the broker's "
                + "metadata URL or the values below. Sign the response or the assertion with RSA-SHA256; do not "
                + "encrypt the assertion.",
            List.of(new RegisterValue("SP metadata URL", base + ServiceProvider.METADATA_PATH,
                    "Import it, or type the values below."),
                new RegisterValue("SP entity ID (audience, identifier)", base + ServiceProvider.METADATA_PATH, ""),
                new RegisterValue("Assertion consumer service (ACS, reply URL)", base + ServiceProvider.ACS_PATH,
                    "HTTP-POST binding."),
                new RegisterValue("NameID format", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                    "The user's email."),
                new RegisterValue("Attributes (optional)", "email, name", "")),
            withCommon(List.of(
                SetupField.text("parameters.metadataUrl", "IdP metadata URL", "https. Or leave empty and paste the "
                    + "metadata, or give the three values below.", false),
                SetupField.textarea("parameters.metadataXml", "IdP metadata (XML)", "Pasted as the IdP exports it."),
                SetupField.text("parameters.ssoUrl", "IdP single sign-on URL", "HTTP-Redirect binding.", false),
                SetupField.text("parameters.idpEntityId", "IdP entity ID", "", false),
                SetupField.textarea("parameters.x509Certificate", "IdP signing certificate", "PEM."),
                SetupField.text("claimMapping.email", "Email attribute", "Empty: the attribute email, else the "
                    + "NameID.", false)))));
  }

  private static List<SetupField> withCommon(List<SetupField> own) {
    List<SetupField> fields = new ArrayList<>();
    fields.add(SetupField.text("displayName", "Name shown to users", "As in Acme (Entra ID): the button users see "
        + "when an org has several connectors.", false));
    fields.add(SetupField.text("domains", "Email domains", "The org's domains whose users this IdP signs in, "
        + "separated by commas; each must be verified before it routes logins.", true));
    fields.addAll(own);
    return List.copyOf(fields);
  }

  List<KindSetup> all() {
    return kinds;
  }

  Optional<KindSetup> of(String kind) {
    return kinds.stream().filter(setup -> setup.kind().equals(kind)).findFirst();
  }
}
