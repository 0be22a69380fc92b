package io.ssobroker.directory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.directory.imports.ImportLineParser.Parsed;
import io.ssobroker.directory.imports.ImportLineParser.Rejected;
import io.ssobroker.directory.imports.ImportLineParser.Row;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.directory.UserStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportLineParserTest {

  @Test
  void csvLinesAreReadByTheHeadersColumnsWhateverTheirOrder() {
    ImportLineParser parser = new ImportLineParser(ImportFormat.CSV, "acme", "status,\"Email\",name");

    List<Parsed> parsed = parser.parse(1, List.of("status,\"Email\",name", "disabled,Ann@Acme.com,Ann", "",
        ",bob@acme.com,'=Bob"));

    assertThat(parsed).containsExactly(
        new Row(2, new UserRecord(io.ssobroker.platform.EmailAddress.parse("ann@acme.com").orElseThrow(), "Ann",
            "acme", UserStatus.DISABLED)),
        new Row(4, new UserRecord(io.ssobroker.platform.EmailAddress.parse("bob@acme.com").orElseThrow(), "=Bob",
            "acme", UserStatus.ACTIVE)));
  }

  @Test
  void aBadLineIsRejectedWithItsNumberAndFieldAndTheOthersAreKept() {
    ImportLineParser parser = new ImportLineParser(ImportFormat.CSV, "acme", "email,org");

    List<Parsed> parsed = parser.parse(10, List.of("ann@acme.com,beta", "bob@acme.com,acme,extra", "carol@acme.com,"));

    assertThat(parsed).hasSize(3);
    assertThat(parsed.get(0)).isEqualTo(new Rejected(10, "org", "must be acme, the org of this import, or left out"));
    assertThat(parsed.get(1)).isEqualTo(new Rejected(11, null, "expected 2 columns, got 3"));
    assertThat(parsed.get(2)).isInstanceOf(Row.class);
  }

  @Test
  void aCsvHeaderWithoutEmailOrWithAnUnknownOrRepeatedColumnRefusesTheImport() {
    assertHeaderRefused(null, "line 1: the CSV header is missing (expected email,name,org,status)");
    assertHeaderRefused("name,status", "line 1: the header must name the column email");
    assertHeaderRefused("email,mail", "line 1: mail: unknown column (expected email, name, org, status)");
    assertHeaderRefused("email,Email", "line 1: email: column appears twice");
  }

  @Test
  void jsonLinesNameTheFieldTheyGetWrong() {
    ImportLineParser parser = new ImportLineParser(ImportFormat.JSONL, "acme", null);

    List<Parsed> parsed = parser.parse(1, List.of("{\"email\": \"ann@acme.com\", \"status\": \"gone\"}",
        "{\"email\": \"x\"}", "not json", "{\"email\": \"bob@acme.com\", \"name\": \"" + "n".repeat(201) + "\"}"));

    assertThat(parsed).containsExactly(
        new Rejected(1, "status", "must be active or disabled"),
        new Rejected(2, "email", "not an email address"),
        new Rejected(3, null, "not a JSON object"),
        new Rejected(4, "name", "at most 200 characters"));
  }

  @Test
  void aRowProblemIsRefusedWithItsFieldAsData() {
    ServiceException refused = new RowProblem("email", "required").refusal();
    ServiceException whole = new RowProblem(null, "not a JSON object").refusal();

    assertThat(refused.field()).contains("email");
    assertThat(refused.getMessage()).isEqualTo("email: required");
    assertThat(whole.field()).isEqualTo(Optional.empty());
    assertThat(whole.getMessage()).isEqualTo("not a JSON object");
  }

  private static void assertHeaderRefused(String header, String message) {
    assertThatThrownBy(() -> new ImportLineParser(ImportFormat.CSV, "acme", header))
        .isInstanceOf(ServiceException.class).hasMessage(message);
  }
}
