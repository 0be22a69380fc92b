package io.ssobroker.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.json.JsonObject;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OrgBrandingTest {

  private static OrgBranding read(String branding) {
    return OrgBranding.read(new FieldReader(new JsonObject().put("branding", new JsonObject(branding)), ""));
  }

  @Test
  void contrastIsTheWcagRatioToWhite() {
    assertThat(OrgBranding.contrastToWhite("#000000")).isCloseTo(21.0, Offset.offset(0.01));
    assertThat(OrgBranding.contrastToWhite("#ffffff")).isCloseTo(1.0, Offset.offset(0.01));
    assertThat(OrgBranding.contrastToWhite("#767676")).isCloseTo(4.54, Offset.offset(0.01));
    assertThat(OrgBranding.contrastToWhite("#777777")).isCloseTo(4.48, Offset.offset(0.01));
  }

  @Test
  void aReadableAccentIsKeptInLowerCase() {
    OrgBranding branding = read("{\"displayName\": \"Acme\", \"logoUrl\": \"https://cdn.acme.example/logo.svg\", "
        + "\"accentColor\": \"#1D4ED8\"}");

    assertThat(branding.accentColor()).hasValue("#1d4ed8");
    assertThat(branding.toJson()).isEqualTo(new JsonObject().put("displayName", "Acme")
        .put("logoUrl", "https://cdn.acme.example/logo.svg").put("accentColor", "#1d4ed8"));
    assertThat(OrgBranding.fromJson(branding.toJson())).isEqualTo(branding);
  }

  @Test
  void anAccentTooLightForWhiteTextIsRefusedWithItsContrast() {
    assertThatThrownBy(() -> read("{\"accentColor\": \"#777777\"}")).isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("branding.accentColor: #777777 has a contrast of 4.48:1 to white")
        .hasMessageContaining("at least 4.5:1");
    assertThatThrownBy(() -> read("{\"accentColor\": \"#ffcc00\"}")).hasMessageContaining("1.51:1");
    assertThatThrownBy(() -> read("{\"accentColor\": \"blue\"}")).hasMessageContaining("#rrggbb");
    assertThatThrownBy(() -> read("{\"accentColor\": \"#1d4ed8;}body{display:none\"}"))
        .hasMessageContaining("#rrggbb");
  }

  @Test
  void theLogoIsAnHttpsUrlAndNothingElseIsAccepted() {
    assertThatThrownBy(() -> read("{\"logoUrl\": \"http://cdn.acme.example/logo.png\"}"))
        .hasMessageStartingWith("branding.logoUrl: ");
    assertThatThrownBy(() -> read("{\"logoUrl\": \"javascript:alert(1)\"}"))
        .hasMessageStartingWith("branding.logoUrl: ");
    assertThatThrownBy(() -> read("{\"logoUrl\": \"https://user:pw@cdn.acme.example/logo.png\"}"))
        .hasMessageStartingWith("branding.logoUrl: ");
    assertThatThrownBy(() -> read("{\"css\": \"body{}\"}")).hasMessageContaining("css");
    assertThat(OrgBranding.read(new FieldReader(new JsonObject(), ""))).isEqualTo(OrgBranding.NONE);
  }
}
