package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * SAML 2.0: the IdP described by a metadata URL, inline metadata XML, or its SSO URL, entity id and certificate.
 * Only the presence of one complete description is checked here; the SAML connector parses it.
 */
public record SamlSettings(
    Optional<String> metadataUrl,
    Optional<String> metadataXml,
    Optional<String> ssoUrl,
    Optional<String> idpEntityId,
    Optional<String> x509Certificate,
    boolean allowIdpInitiated) implements ConnectorSettings {

  private static final Set<String> FIELDS = Set.of("metadataUrl", "metadataXml", "ssoUrl", "idpEntityId",
      "x509Certificate", "allowIdpInitiated", "scopes");

  static SamlSettings read(FieldReader parameters) {
    parameters.allowOnly(FIELDS);
    Optional<String> metadataUrl = parameters.optionalText("metadataUrl");
    metadataUrl.ifPresent(url -> parameters.secureUrl("metadataUrl", url));
    Optional<String> metadataXml = parameters.optionalText("metadataXml");
    Optional<String> ssoUrl = parameters.optionalText("ssoUrl");
    ssoUrl.ifPresent(url -> parameters.secureUrl("ssoUrl", url));
    Optional<String> entityId = parameters.optionalText("idpEntityId");
    Optional<String> certificate = parameters.optionalText("x509Certificate");
    boolean manual = ssoUrl.isPresent() || entityId.isPresent() || certificate.isPresent();
    int descriptions = (metadataUrl.isPresent() ? 1 : 0) + (metadataXml.isPresent() ? 1 : 0) + (manual ? 1 : 0);
    if (descriptions == 0) {
      throw parameters.error("metadataUrl", "required: metadataUrl, metadataXml, or ssoUrl with idpEntityId and x509Certificate");
    }
    if (descriptions > 1) {
      throw parameters.error("metadataUrl", "give only one of metadataUrl, metadataXml, or ssoUrl with idpEntityId and x509Certificate");
    }
    if (manual) {
      parameters.requiredText("ssoUrl");
      parameters.requiredText("idpEntityId");
      parameters.requiredText("x509Certificate");
    }
    boolean idpInitiated = parameters.optionalBoolean("allowIdpInitiated", false);
    return new SamlSettings(metadataUrl, metadataXml, ssoUrl, entityId, certificate, idpInitiated);
  }

  /**
   * When the last of the manually configured certificates expires (as a UTC date), for the expiry radar. Empty when
   * the IdP is described by metadata (only the edge reads metadata) or when the text holds no readable certificate
   * (the edge's connector check reports that).
   */
  public Optional<LocalDate> certificateExpiresAt() {
    return x509Certificate.flatMap(SamlSettings::lastExpiry);
  }

  private static Optional<LocalDate> lastExpiry(String pemOrBase64) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Optional<Instant> last = Optional.empty();
      for (String block : pemOrBase64.split("-----END CERTIFICATE-----")) {
        String base64 = block.replace("-----BEGIN CERTIFICATE-----", "").replaceAll("\\s", "");
        if (base64.isEmpty()) {
          continue;
        }
        X509Certificate certificate = (X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (last.isEmpty() || notAfter.isAfter(last.get())) {
          last = Optional.of(notAfter);
        }
      }
      return last.map(instant -> LocalDate.ofInstant(instant, ZoneOffset.UTC));
    } catch (CertificateException | IllegalArgumentException | ClassCastException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public ConnectorKind kind() {
    return ConnectorKind.SAML;
  }

  @Override
  public JsonObject toParameters() {
    JsonObject parameters = new JsonObject();
    metadataUrl.ifPresent(v -> parameters.put("metadataUrl", v));
    metadataXml.ifPresent(v -> parameters.put("metadataXml", v));
    ssoUrl.ifPresent(v -> parameters.put("ssoUrl", v));
    idpEntityId.ifPresent(v -> parameters.put("idpEntityId", v));
    x509Certificate.ifPresent(v -> parameters.put("x509Certificate", v));
    if (allowIdpInitiated) {
      parameters.put("allowIdpInitiated", true);
    }
    return parameters;
  }
}
