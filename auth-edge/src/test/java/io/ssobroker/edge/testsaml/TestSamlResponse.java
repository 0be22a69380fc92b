package io.ssobroker.edge.testsaml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * A SAML response as an IdP would send it to our ACS, unsigned, with every field a knob. The defaults make a response
 * that passes every check at {@link #NOW} for {@link #SP} and {@link #ACS}, answering {@link #REQUEST_ID}.
 * {@link #document()} parses it, ready to be signed with {@link SamlSigner} and then edited.
 */
public final class TestSamlResponse {

  public static final String IDP = "https://idp.example.test/realms/acme";
  public static final String SP = "https://sso.example.test/login/saml/metadata";
  public static final String ACS = "https://sso.example.test/login/saml/acs";
  public static final String REQUEST_ID = "_4f1d2c1e9b7a4d03a1b2c3d4e5f60718";
  public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  public static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
  public static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
  public static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

  private String responseId = "_response-0001";
  private String assertionId = "_assertion-0001";
  private String responseIssuer = IDP;
  private String assertionIssuer = IDP;
  private String destination = ACS;
  private String responseInResponseTo = REQUEST_ID;
  private String bearerInResponseTo = REQUEST_ID;
  private String nameId = "alice@acme.test";
  private String nameIdFormat = EMAIL_FORMAT;
  private boolean subject = true;
  private String confirmationMethod = BEARER;
  private String recipient = ACS;
  private Instant bearerNotBefore;
  private Instant bearerNotOnOrAfter = NOW.plusSeconds(300);
  private Instant conditionsNotBefore = NOW.minusSeconds(60);
  private Instant conditionsNotOnOrAfter = NOW.plusSeconds(300);
  private String audience = SP;
  private String extraCondition = "";
  private boolean authnStatement = true;
  private String statusCode = SUCCESS;
  private String nestedStatusCode;
  private final Map<String, List<String>> attributes = new LinkedHashMap<>();

  private TestSamlResponse() {
    attributes.put("email", List.of("alice@acme.test"));
    attributes.put("name", List.of("Alice Example"));
  }

  public static TestSamlResponse genuine() {
    return new TestSamlResponse();
  }

  public TestSamlResponse responseId(String value) {
    responseId = value;
    return this;
  }

  public TestSamlResponse assertionId(String value) {
    assertionId = value;
    return this;
  }

  /** Both issuers; null leaves them out. */
  public TestSamlResponse issuer(String value) {
    responseIssuer = value;
    assertionIssuer = value;
    return this;
  }

  public TestSamlResponse responseIssuer(String value) {
    responseIssuer = value;
    return this;
  }

  public TestSamlResponse destination(String value) {
    destination = value;
    return this;
  }

  /** Both the Response's and the bearer confirmation's InResponseTo; null leaves them out (IdP-initiated). */
  public TestSamlResponse inResponseTo(String value) {
    responseInResponseTo = value;
    bearerInResponseTo = value;
    return this;
  }

  public TestSamlResponse responseInResponseTo(String value) {
    responseInResponseTo = value;
    return this;
  }

  public TestSamlResponse bearerInResponseTo(String value) {
    bearerInResponseTo = value;
    return this;
  }

  /** Null leaves the NameID out. */
  public TestSamlResponse nameId(String value) {
    nameId = value;
    return this;
  }

  public TestSamlResponse withoutSubject() {
    subject = false;
    return this;
  }

  public TestSamlResponse confirmationMethod(String value) {
    confirmationMethod = value;
    return this;
  }

  public TestSamlResponse recipient(String value) {
    recipient = value;
    return this;
  }

  public TestSamlResponse bearerNotBefore(Instant value) {
    bearerNotBefore = value;
    return this;
  }

  /** Null leaves it out. */
  public TestSamlResponse bearerNotOnOrAfter(Instant value) {
    bearerNotOnOrAfter = value;
    return this;
  }

  public TestSamlResponse conditionsNotBefore(Instant value) {
    conditionsNotBefore = value;
    return this;
  }

  public TestSamlResponse conditionsNotOnOrAfter(Instant value) {
    conditionsNotOnOrAfter = value;
    return this;
  }

  /** Null leaves the AudienceRestriction out. */
  public TestSamlResponse audience(String value) {
    audience = value;
    return this;
  }

  /** Raw XML added inside Conditions. */
  public TestSamlResponse extraCondition(String xml) {
    extraCondition = xml;
    return this;
  }

  public TestSamlResponse withoutAuthnStatement() {
    authnStatement = false;
    return this;
  }

  public TestSamlResponse status(String topLevel, String nested) {
    statusCode = topLevel;
    nestedStatusCode = nested;
    return this;
  }

  public TestSamlResponse attribute(String name, String... values) {
    attributes.put(name, List.of(values));
    return this;
  }

  public String responseId() {
    return responseId;
  }

  public String assertionId() {
    return assertionId;
  }

  public Document document() {
    return SamlDocuments.parse(xml());
  }

  /** The response as text, unsigned. */
  public String xml() {
    StringBuilder xml = new StringBuilder();
    xml.append("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"")
        .append(" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"")
        .append(attribute("ID", responseId)).append(" Version=\"2.0\"").append(attribute("IssueInstant", NOW))
        .append(attribute("Destination", destination)).append(attribute("InResponseTo", responseInResponseTo))
        .append(">\n");
    if (responseIssuer != null) {
      xml.append("  <saml:Issuer>").append(escape(responseIssuer)).append("</saml:Issuer>\n");
    }
    xml.append("  <samlp:Status><samlp:StatusCode").append(attribute("Value", statusCode));
    if (nestedStatusCode != null) {
      xml.append("><samlp:StatusCode").append(attribute("Value", nestedStatusCode)).append("/></samlp:StatusCode>");
    } else {
      xml.append("/>");
    }
    xml.append("</samlp:Status>\n");
    if (statusCode.equals(SUCCESS)) {
      xml.append(assertion());
    }
    xml.append("</samlp:Response>\n");
    return xml.toString();
  }

  private String assertion() {
    StringBuilder xml = new StringBuilder();
    xml.append("  <saml:Assertion").append(attribute("ID", assertionId)).append(" Version=\"2.0\"")
        .append(attribute("IssueInstant", NOW)).append(">\n");
    if (assertionIssuer != null) {
      xml.append("    <saml:Issuer>").append(escape(assertionIssuer)).append("</saml:Issuer>\n");
    }
    if (subject) {
      xml.append("    <saml:Subject>\n");
      if (nameId != null) {
        xml.append("      <saml:NameID").append(attribute("Format", nameIdFormat)).append(">")
            .append(escape(nameId)).append("</saml:NameID>\n");
      }
      xml.append("      <saml:SubjectConfirmation").append(attribute("Method", confirmationMethod)).append(">\n")
          .append("        <saml:SubjectConfirmationData").append(attribute("InResponseTo", bearerInResponseTo))
          .append(attribute("NotBefore", bearerNotBefore)).append(attribute("NotOnOrAfter", bearerNotOnOrAfter))
          .append(attribute("Recipient", recipient)).append("/>\n")
          .append("      </saml:SubjectConfirmation>\n")
          .append("    </saml:Subject>\n");
    }
    xml.append("    <saml:Conditions").append(attribute("NotBefore", conditionsNotBefore))
        .append(attribute("NotOnOrAfter", conditionsNotOnOrAfter)).append(">\n");
    if (audience != null) {
      xml.append("      <saml:AudienceRestriction><saml:Audience>").append(escape(audience))
          .append("</saml:Audience></saml:AudienceRestriction>\n");
    }
    xml.append(extraCondition).append("    </saml:Conditions>\n");
    if (authnStatement) {
      xml.append("    <saml:AuthnStatement").append(attribute("AuthnInstant", NOW))
          .append(" SessionIndex=\"session-1\"><saml:AuthnContext><saml:AuthnContextClassRef>")
          .append("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
          .append("</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>\n");
    }
    if (!attributes.isEmpty()) {
      xml.append("    <saml:AttributeStatement>\n");
      attributes.forEach((name, values) -> {
        xml.append("      <saml:Attribute").append(attribute("Name", name))
            .append(" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">");
        for (String value : values) {
          xml.append("<saml:AttributeValue>").append(escape(value)).append("</saml:AttributeValue>");
        }
        xml.append("</saml:Attribute>\n");
      });
      xml.append("    </saml:AttributeStatement>\n");
    }
    xml.append("  </saml:Assertion>\n");
    return xml.toString();
  }

  private static String attribute(String name, Object value) {
    return value == null ? "" : " " + name + "=\"" + escape(value.toString()) + "\"";
  }

  private static String escape(String text) {
    List<String> parts = new ArrayList<>();
    for (char c : text.toCharArray()) {
      parts.add(switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        default -> String.valueOf(c);
      });
    }
    return String.join("", parts);
  }
}
