package io.ssobroker.edge.connector.saml;

import io.ssobroker.edge.idp.IdpHttp;
import io.ssobroker.platform.connector.SamlSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A SAML connector's preflight: its IdP description read afresh (the metadata URL fetched, not the login cache), and
 * the expiry of its signing certificates. Tells the administrator what to register at the IdP (SP entity id, ACS).
 */
public final class SamlConnectorCheck {

  private final IdpHttp http;
  private final SamlWorkQueue queue;
  private final ServiceProvider serviceProvider;
  private final Clock clock;
  private final boolean signsRequests;

  public SamlConnectorCheck(IdpHttp http, SamlWorkQueue queue, ServiceProvider serviceProvider, Clock clock,
      boolean signsRequests) {
    this.signsRequests = signsRequests;
    this.http = http;
    this.queue = queue;
    this.serviceProvider = serviceProvider;
    this.clock = clock;
  }

  /** Adds the SAML checks and what to register at the IdP to the report. */
  public Future<JsonObject> run(SamlSettings settings, JsonObject report) {
    report.put("spEntityId", serviceProvider.entityId()).put("acsUrl", serviceProvider.acsUrl());
    JsonArray checks = report.getJsonArray("checks");
    String source = settings.metadataUrl().map(url -> "fetched from " + url)
        .orElse(settings.metadataXml().isPresent() ? "read from metadataXml" : "built from ssoUrl, idpEntityId and "
            + "x509Certificate");
    IdpMetadataCache fresh = new IdpMetadataCache(http, queue, clock, IdpMetadataCache.DEFAULT_REFRESH);
    return fresh.metadata(settings)
        .map(idp -> {
          // a metadata flag only: Keycloak, for one, says it for every realm and still accepts unsigned requests
          // from applications that do not require them
          String signing = idp.wantsSignedRequests() && !signsRequests ? "; it asks for signed AuthnRequests, and "
              + "this broker has no saml.requestSigningKey: the IdP must accept unsigned ones from this application" : "";
          checks.add(check("metadata", true, "IdP " + idp.entityId() + " " + source + "; single sign-on at "
              + idp.ssoRedirectUrl() + signing));
          certificates(idp, checks);
          idp.lastCertificateExpiry().ifPresent(expiry -> report.put("certificateExpiresAt", expiry.toString()));
          return report;
        })
        .otherwise(failure -> {
          checks.add(check("metadata", false, "cannot use the IdP metadata " + source + ": " + failure.getMessage()));
          return report;
        });
  }

  private void certificates(IdpMetadata idp, JsonArray checks) {
    Instant now = clock.instant();
    List<Instant> expiries = idp.certificateExpiries();
    Instant last = expiries.get(expiries.size() - 1);
    long daysLeft = ChronoUnit.DAYS.between(now, last);
    boolean usable = last.isAfter(now);
    checks.add(check("certificates", usable, usable
        ? expiries.size() + " signing certificates; the last expires on " + last + " (" + daysLeft + " days left)"
        : "every signing certificate has expired (the last on " + last + "): logins are rejected until the IdP's "
            + "current certificate is configured"));
  }

  private static JsonObject check(String name, boolean passed, String message) {
    return new JsonObject().put("name", name).put("status", passed ? "pass" : "fail").put("message", message);
  }
}
