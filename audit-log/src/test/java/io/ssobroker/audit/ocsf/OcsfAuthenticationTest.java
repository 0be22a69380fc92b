package io.ssobroker.audit.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The OCSF rendering carries every attribute that OCSF marks required for class 3002 Authentication, with its OCSF
 * type. The lists below are read from the OCSF schema 1.3.0 (github.com/ocsf/ocsf-schema, tag 1.3.0; unchanged
 * through 1.8.0): events/iam/authentication.json, the IAM category event events/iam/iam.json, events/base_event.json
 * with its includes includes/classification.json and includes/occurrence.json, the types of dictionary.json, and the
 * objects the required attributes hold (objects/metadata.json, product.json, user.json, network_endpoint.json,
 * endpoint.json, service.json, _entity.json).
 */
class OcsfAuthenticationTest {

  /** Required attribute and its dictionary type. */
  private static final Map<String, String> REQUIRED = Map.of(
      "activity_id", "integer_t",   // includes/classification.json
      "category_uid", "integer_t",  // includes/classification.json
      "class_uid", "integer_t",     // includes/classification.json
      "type_uid", "long_t",         // includes/classification.json
      "time", "timestamp_t",        // includes/occurrence.json
      "metadata", "object",         // events/base_event.json (object metadata)
      "severity_id", "integer_t",   // events/base_event.json
      "user", "object");            // events/iam/authentication.json (object user); iam.json adds none

  /** Required attributes of the objects above: metadata.json and product.json. */
  private static final Map<String, String> REQUIRED_IN_METADATA = Map.of("version", "string_t", "product", "object");
  private static final Map<String, String> REQUIRED_IN_PRODUCT = Map.of("vendor_name", "string_t");

  /** "at_least_one" constraints: authentication.json, user.json, endpoint/network_endpoint.json, _entity.json. */
  private static final List<String> AUTHENTICATION_AT_LEAST_ONE = List.of("service", "dst_endpoint");
  private static final List<String> USER_AT_LEAST_ONE = List.of("account", "name", "uid");
  private static final List<String> ENDPOINT_AT_LEAST_ONE =
      List.of("ip", "uid", "name", "hostname", "svc_name", "instance_uid", "interface_uid", "interface_name");
  private static final List<String> ENTITY_AT_LEAST_ONE = List.of("name", "uid");

  private static final List<Integer> SEVERITY_IDS = List.of(0, 1, 2, 3, 4, 5, 6, 99);
  private static final List<Integer> STATUS_IDS = List.of(0, 1, 2, 99);
  private static final List<Integer> AUTH_PROTOCOL_IDS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99);

  private final OcsfAuthentication renderer =
      new OcsfAuthentication(new OcsfProduct("SSO broker", "ssobroker", "1.2.3"), "login.example.com");

  private static List<AuditEvent> everyRenderedShape() {
    List<AuditEvent> events = new ArrayList<>();
    events.add(login(AuditEvent.LOGIN_SUCCEEDED).userId(UUID.randomUUID().toString()).subject("sub-1").build());
    for (LoginFailureCategory category : LoginFailureCategory.values()) {
      events.add(login(AuditEvent.LOGIN_FAILED).failure(category, "reason").build());
    }
    events.add(login(AuditEvent.LOGOUT).userId(UUID.randomUUID().toString()).build());
    events.add(AuditEvent.builder(AuditEvent.LOGIN_FAILED).failure(LoginFailureCategory.STATE_INVALID, "missing")
        .build());
    events.add(AuditEvent.builder(AuditEvent.LOGIN_FAILED).failure(LoginFailureCategory.EMAIL_VALIDATION_FAILED,
        "invalid_email").org("acme").connector(UUID.randomUUID().toString(), "saml").email("not an email").build());
    return events;
  }

  private static AuditEvent.Builder login(String type) {
    return AuditEvent.builder(type).org("acme").connector(UUID.randomUUID().toString(), "azure")
        .email("alice@acme.com").client("203.0.113.9", "Mozilla/5.0").correlationId("corr-1");
  }

  @Test
  void everyRequiredAttributeOfAuthenticationIsPresentWithItsType() {
    for (AuditEvent event : everyRenderedShape()) {
      JsonObject ocsf = renderer.render(event).orElseThrow();
      String what = event.type() + " " + ocsf.encode();

      REQUIRED.forEach((name, type) -> assertThat(hasType(ocsf.getValue(name), type)).as(name + " in " + what).isTrue());
      assertThat(AUTHENTICATION_AT_LEAST_ONE).as("service or dst_endpoint in " + what).anyMatch(ocsf::containsKey);
      JsonObject metadata = ocsf.getJsonObject("metadata");
      REQUIRED_IN_METADATA.forEach((name, type) ->
          assertThat(hasType(metadata.getValue(name), type)).as("metadata." + name + " in " + what).isTrue());
      REQUIRED_IN_PRODUCT.forEach((name, type) -> assertThat(hasType(metadata.getJsonObject("product").getValue(name),
          type)).as("metadata.product." + name + " in " + what).isTrue());
      assertThat(USER_AT_LEAST_ONE).as("user: account, name or uid in " + what)
          .anyMatch(present(ocsf.getJsonObject("user")));
      for (String endpoint : List.of("src_endpoint", "dst_endpoint")) {
        if (ocsf.containsKey(endpoint)) {
          assertThat(ENDPOINT_AT_LEAST_ONE).as(endpoint + " identified in " + what)
              .anyMatch(present(ocsf.getJsonObject(endpoint)));
        }
      }
      if (ocsf.containsKey("service")) {
        assertThat(ENTITY_AT_LEAST_ONE).as("service name or uid in " + what)
            .anyMatch(present(ocsf.getJsonObject("service")));
      }
    }
  }

  @Test
  void classificationAndEnumsAreOcsfValues() {
    for (AuditEvent event : everyRenderedShape()) {
      JsonObject ocsf = renderer.render(event).orElseThrow();

      assertThat(ocsf.getInteger("class_uid")).isEqualTo(3002);
      assertThat(ocsf.getInteger("category_uid")).isEqualTo(3);
      int activity = event.type().equals(AuditEvent.LOGOUT) ? 2 : 1;
      assertThat(ocsf.getInteger("activity_id")).isEqualTo(activity);
      assertThat(ocsf.getLong("type_uid")).isEqualTo(3002L * 100 + activity);
      assertThat(ocsf.getLong("time")).isEqualTo(event.time().toEpochMilli());
      assertThat(SEVERITY_IDS).contains(ocsf.getInteger("severity_id"));
      assertThat(STATUS_IDS).contains(ocsf.getInteger("status_id"));
      assertThat(AUTH_PROTOCOL_IDS).contains(ocsf.getInteger("auth_protocol_id"));
      assertThat(ocsf.getJsonObject("metadata").getString("version")).isEqualTo("1.3.0");
      assertThat(ocsf.getJsonObject("metadata").getString("uid")).isEqualTo(event.id().toString());
      if (ocsf.containsKey("src_endpoint")) {
        assertThat(hasType(ocsf.getJsonObject("src_endpoint").getValue("ip"), "ip_t")).isTrue();
      }
      if (ocsf.getJsonObject("user").containsKey("email_addr")) {
        assertThat(hasType(ocsf.getJsonObject("user").getValue("email_addr"), "email_t")).isTrue();
      }
      assertThat(ocsf.encode()).doesNotContain(":null");
    }
  }

  @Test
  void outcomesProtocolsAndOurFieldsAreMapped() {
    JsonObject failed = renderer.render(login(AuditEvent.LOGIN_FAILED)
        .failure(LoginFailureCategory.USER_NOT_ALLOWED, "org_mismatch").build()).orElseThrow();
    assertThat(failed.getInteger("status_id")).isEqualTo(2);
    assertThat(failed.getString("status")).isEqualTo("Failure");
    assertThat(failed.getString("status_detail")).isEqualTo("USER_NOT_ALLOWED: org_mismatch");
    assertThat(failed.getInteger("auth_protocol_id")).isEqualTo(4);
    assertThat(failed.getJsonObject("user").getString("email_addr")).isEqualTo("alice@acme.com");
    assertThat(failed.getJsonObject("src_endpoint").getString("ip")).isEqualTo("203.0.113.9");
    assertThat(failed.getJsonObject("http_request").getString("user_agent")).isEqualTo("Mozilla/5.0");
    assertThat(failed.getJsonObject("metadata").getString("correlation_uid")).isEqualTo("corr-1");
    assertThat(failed.getJsonObject("metadata").getString("tenant_uid")).isEqualTo("acme");
    assertThat(failed.getJsonObject("unmapped").getString("reason")).isEqualTo("org_mismatch");

    JsonObject succeeded = renderer.render(login(AuditEvent.LOGIN_SUCCEEDED).build()).orElseThrow();
    assertThat(succeeded.getInteger("status_id")).isEqualTo(1);
    assertThat(succeeded.getInteger("severity_id")).isEqualTo(1);
    assertThat(succeeded.containsKey("status_detail")).isFalse();

    JsonObject saml = renderer.render(login(AuditEvent.LOGOUT).connector("c", "saml").build()).orElseThrow();
    assertThat(saml.getString("activity_name")).isEqualTo("Logoff");
    assertThat(saml.getInteger("auth_protocol_id")).isEqualTo(5);
  }

  @Test
  void startedAndNonLoginEventsAreNotRendered() {
    assertThat(renderer.render(login(AuditEvent.LOGIN_STARTED).build())).isEmpty();
    assertThat(renderer.render(AuditEvent.builder("admin.org.created").org("acme").build())).isEmpty();
  }

  private static Predicate<String> present(JsonObject object) {
    return name -> object.getValue(name) != null;
  }

  /** The OCSF dictionary's types, as JSON. */
  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "integer_t" -> value instanceof Integer
          || value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE;
      case "long_t" -> value instanceof Integer || value instanceof Long;
      case "timestamp_t" -> (value instanceof Long || value instanceof Integer)
          && ((Number) value).longValue() > Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
      case "string_t" -> value instanceof String text && !text.isEmpty();
      case "email_t" -> value instanceof String text && text.matches("[^@\\s]+@[^@\\s]+");
      case "ip_t" -> value instanceof String text && isIpLiteral(text);
      case "object" -> value instanceof JsonObject object && !object.isEmpty();
      default -> throw new IllegalArgumentException(type);
    };
  }

  private static boolean isIpLiteral(String text) {
    if (!text.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      java.net.InetAddress.getByName(text);
      return true;
    } catch (java.net.UnknownHostException notAnAddress) {
      return false;
    }
  }
}
