package io.ssobroker.app.login;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** docs/audit-event.schema.json (copied onto the test classpath by the build), with format assertions on. */
public final class AuditEventSchema {

  private static final String RESOURCE = "audit-event.schema.json";
  private static final Schema SCHEMA = load();

  private AuditEventSchema() {}

  /** What is wrong with this record value; empty when it is a valid audit event. */
  public static List<String> violations(String json) {
    try {
      return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    } catch (RuntimeException notJson) {
      return List.of("not JSON: " + notJson.getMessage());
    }
  }

  private static Schema load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream in = AuditEventSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test classpath (see infra/app/pom.xml)");
      }
      return registry.getSchema(in);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
