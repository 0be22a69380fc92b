package io.ssobroker.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.directory.UserStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

  @TempDir
  Path directory;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  @Test
  void readsJsonLines() throws IOException {
    Path file = write("users.jsonl", """
        {"email": "Alice@Acme.com", "name": "Alice", "org": "acme", "status": "active"}

        {"email": "bob@acme.com", "name": "Bob", "org": "acme", "status": "disabled"}
        {"email": "carol@globex.com", "org": "globex"}
        """);

    List<UserRecord> users = UsersFile.read(file);

    assertThat(users).hasSize(3);
    assertThat(users.get(0).email().value()).isEqualTo("alice@acme.com");
    assertThat(users.get(1).status()).isEqualTo(UserStatus.DISABLED);
    assertThat(users.get(2).name()).isEmpty();
    assertThat(users.get(2).status()).isEqualTo(UserStatus.ACTIVE);
  }

  @Test
  void readsCsvWithHeader() throws IOException {
    Path file = write("users.csv", """
        email,name,org,status
        alice@acme.com,"Doe, Alice",acme,active
        bob@acme.com,Bob,acme,disabled
        """);

    List<UserRecord> users = UsersFile.read(file);

    assertThat(users).extracting(user -> user.email().value()).containsExactly("alice@acme.com", "bob@acme.com");
    assertThat(users.get(0).name()).isEqualTo("Doe, Alice");
    assertThat(users.get(1).status()).isEqualTo(UserStatus.DISABLED);
  }

  @Test
  void badJsonLineIsNamedByItsNumber() throws IOException {
    Path file = write("users.jsonl", """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "not-an-email", "name": "Bob", "org": "acme"}
        """);

    assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(ConfigException.class)
        .hasMessage("users file " + file + ": line 2: email: not an email address");
  }

  @Test
  void everyKindOfBadLineIsReported() throws IOException {
    assertThatThrownBy(() -> UsersFile.read(write("a.jsonl", "{\"email\": \"a@acme.com\"}\n")))
        .hasMessageContaining("line 1: org: required");
    assertThatThrownBy(() -> UsersFile.read(write("b.jsonl", "{\"email\": \"a@acme.com\", \"org\": \"Acme Corp\"}\n")))
        .hasMessageContaining("line 1: org:");
    assertThatThrownBy(() -> UsersFile.read(write("c.jsonl", "\n{\"email\": \"a@acme.com\", \"org\": \"acme\", \"status\": \"gone\"}\n")))
        .hasMessageContaining("line 2: status: must be active or disabled");
    assertThatThrownBy(() -> UsersFile.read(write("d.jsonl", "[1, 2]\n")))
        .hasMessageContaining("line 1: not a JSON object");
    assertThatThrownBy(() -> UsersFile.read(write("e.jsonl", "{\"email\": \"a@acme.com\", \"org\": \"acme\", \"role\": \"x\"}\n")))
        .hasMessageContaining("line 1: role: unknown field");
    assertThatThrownBy(() -> UsersFile.read(write("f.jsonl",
        "{\"email\": \"a@acme.com\", \"org\": \"acme\"}\n{\"email\": \"A@ACME.COM\", \"org\": \"acme\"}\n")))
        .hasMessageContaining("line 2: email: a@acme.com already appears on line 1");
  }

  @Test
  void badCsvLineIsNamedByItsNumber() throws IOException {
    Path file = write("users.csv", """
        email,name,org,status
        alice@acme.com,Alice,acme,active
        bob@acme.com,Bob,acme,retired
        """);

    assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("line 3: status: must be active or disabled");
    assertThatThrownBy(() -> UsersFile.read(write("cols.csv", "email,name,org\nalice@acme.com,Alice\n")))
        .hasMessageContaining("line 2: expected 3 columns, got 2");
    assertThatThrownBy(() -> UsersFile.read(write("hdr.csv", "mail,name,org\nalice@acme.com,Alice,acme\n")))
        .hasMessageContaining("line 1: mail: unknown column");
  }
}
