package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.internal.connector.CheckReport;
import io.ssobroker.platform.connector.SamlSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A SAML connector's preflight: its IdP description read afresh (the metadata URL fetched, not the login cache), and
 * the expiry of its signing certificates. Tells the administrator what to register at the IdP (SP entity id, ACS).
 */
final class SamlConnectorCheck {

  private final SamlProtocol saml;

  SamlConnectorCheck(SamlProtocol saml) {
    this.saml = saml;
  }

  Future<JsonObject> run(SamlSettings settings, CheckReport report) {
    report.put("spEntityId", saml.serviceProvider().entityId()).put("acsUrl", saml.serviceProvider().acsUrl());
    String source = settings.metadataUrl().map(url -> "fetched from " + url)
        .orElse(settings.metadataXml().isPresent() ? "read from metadataXml" : "built from ssoUrl, idpEntityId and "
            + "x509Certificate");
    IdpMetadataCache fresh = new IdpMetadataCache(saml.http(), saml.queue(), saml.clock(), IdpMetadataCache.DEFAULT_REFRESH);
    return fresh.metadata(settings)
        .map(idp -> {
          // a metadata flag only: Keycloak, for one, says it for every realm and still accepts unsigned requests
          // from applications that do not require them
          String signing = idp.wantsSignedRequests() && saml.requestSigningKey().isEmpty() ? "; it asks for signed "
              + "AuthnRequests, and this broker has no saml.requestSigningKey: the IdP must accept unsigned ones from "
              + "this application" : "";
          report.check("metadata", true, "IdP " + idp.entityId() + " " + source + "; single sign-on at "
              + idp.ssoRedirectUrl() + signing);
          certificates(idp, report);
          idp.lastCertificateExpiry().ifPresent(expiry -> report.put("certificateExpiresAt", expiry.toString()));
          return report;
        })
        .otherwise(failure -> report.check("metadata", false, "cannot use the IdP metadata " + source + ": "
            + failure.getMessage()))
        .map(CheckReport::toJson);
  }

  private void certificates(IdpMetadata idp, CheckReport report) {
    Instant now = saml.clock().instant();
    List<Instant> expiries = idp.certificateExpiries();
    Instant last = expiries.get(expiries.size() - 1);
    long daysLeft = ChronoUnit.DAYS.between(now, last);
    boolean usable = last.isAfter(now);
    report.check("certificates", usable, usable
        ? expiries.size() + " signing certificates; the last expires on " + last + " (" + daysLeft + " days left)"
        : "every signing certificate has expired (the last on " + last + "): logins are rejected until the IdP's "
            + "current certificate is configured");
  }
}
